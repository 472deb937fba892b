/** A small argv parser: positional arguments and --flags (with values or boolean). */
export interface Args {
  readonly positional: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

const BOOLEAN = new Set(['json', 'help', 'h', 'all']);

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') || (a.startsWith('-') && a.length === 2 && a !== '-')) {
      const body = a.replace(/^--?/, '');
      const eq = body.indexOf('=');
      if (eq >= 0) flags.set(body.slice(0, eq), body.slice(eq + 1));
      else if (BOOLEAN.has(body) || i + 1 >= argv.length || (argv[i + 1] ?? '').startsWith('--'))
        flags.set(body, true);
      else flags.set(body, argv[++i] ?? '');
    } else positional.push(a);
  }
  return { positional, flags };
}

export function flag(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function has(args: Args, name: string): boolean {
  return args.flags.has(name);
}

export class UsageError extends Error {
  override name = 'UsageError';
}
