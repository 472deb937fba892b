/** One step of a pod's birth: who acts, what and why, the commands, and what goes in and out. */
import clsx from 'clsx';

import type { BirthActor, BirthStep } from '@/sim';

import { CodeBlock } from '../primitives/CodeBlock';

const ACTOR: Record<BirthActor, string> = {
  kubelet: 'bg-sky-700 text-white',
  runtime: 'bg-indigo-700 text-white',
  cni: 'bg-indigo-700 text-white',
  plugin: 'bg-teal-700 text-white',
  ipam: 'bg-emerald-800 text-white',
  kernel: 'bg-slate-700 text-white',
  pause: 'bg-violet-700 text-white',
  containers: 'bg-sky-700 text-white',
  agent: 'bg-amber-800 text-white',
};

export interface BirthStepViewProps {
  readonly step: BirthStep;
}

export function BirthStepView({ step }: BirthStepViewProps) {
  return (
    <div className="space-y-2 text-[13px]" data-testid="birth.step" data-step={step.id}>
      <div className="flex flex-wrap items-center gap-2">
        <span
          className={clsx('rounded px-1.5 py-0.5 text-[11px] font-bold', ACTOR[step.actor])}
          data-testid="birth.actor"
        >
          {step.actorName}
        </span>
        {step.skipped && (
          <span className="rounded border border-slate-400 px-1.5 text-[11px] text-slate-700 dark:text-slate-300">
            skipped: {step.skipped}
          </span>
        )}
      </div>
      <h3 className="text-sm font-semibold">{step.title}</h3>
      <p className="text-slate-700 dark:text-slate-300">{step.explain}</p>
      {step.error && (
        <p
          className="rounded border border-red-300 bg-red-50 px-2 py-1 font-mono text-[12px] text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          role="alert"
          data-testid="birth.error"
        >
          ✕ {step.error}
        </p>
      )}
      {step.commands.length > 0 && (
        <CodeBlock
          lines={step.commands.map((c) => (c.startsWith('#') ? c : `$ ${c}`))}
          testId="birth.commands"
          wrap
        />
      )}
      {step.env && (
        <details open data-testid="birth.env">
          <summary className="cursor-pointer text-[12px] font-semibold">
            Environment of the plugin
          </summary>
          <CodeBlock lines={Object.entries(step.env).map(([k, v]) => `${k}=${v}`)} wrap />
        </details>
      )}
      {step.input && (
        <details data-testid="birth.input">
          <summary className="cursor-pointer text-[12px] font-semibold">{step.input.label}</summary>
          <CodeBlock lines={step.input.text.split('\n')} />
        </details>
      )}
      {step.output && (
        <details open={step.output.text.split('\n').length <= 4} data-testid="birth.output">
          <summary className="cursor-pointer text-[12px] font-semibold">
            {step.output.label}
          </summary>
          <CodeBlock lines={step.output.text.split('\n')} />
        </details>
      )}
    </div>
  );
}
