/**
 * The pods, Services and walks several presets share: a busybox client, an nginx web server and
 * the cart Service in namespace shop. Each preset then differs only in what it teaches (the CNI,
 * the node network, where the pods run).
 */
import type { Pod, Service } from '@/sim';

import { BUSYBOX, NGINX, container, pod, service } from './build';
import type { PresetWalk } from './types';

/** The busybox client in namespace default that most walks start from. */
export const clientPod = (nodeName = 'node-1'): Pod =>
  pod('default', 'client', nodeName, { app: 'client' }, [container('shell', BUSYBOX)]);

/** An nginx pod `web` in namespace default listening on port 80 (named http). */
export const webPod = (nodeName: string): Pod =>
  pod('default', 'web', nodeName, { app: 'web' }, [
    container('nginx', NGINX, [{ name: 'http', containerPort: 80 }]),
  ]);

/** A cart pod in namespace shop serving gRPC on container port 7070 (named grpc). */
export const cartPod = (name: string, nodeName: string): Pod =>
  pod('shop', name, nodeName, { app: 'cart' }, [
    container('server', 'shop/cart:2.0', [{ name: 'grpc', containerPort: 7070 }]),
  ]);

/** The cart ClusterIP Service: port 7070 to the named target port grpc. */
export const cartService = (): Service =>
  service('shop', 'cart', {
    selector: { app: 'cart' },
    clusterIP: '10.96.41.7',
    ports: [{ name: 'grpc', port: 7070, targetPort: 'grpc' }],
  });

/** client → web on port 80. */
export const CLIENT_TO_WEB: PresetWalk = {
  from: 'pod/default/client',
  to: 'pod/default/web',
  port: 80,
  protocol: 'TCP',
};

/** client → the cart Service on port 7070. */
export const CLIENT_TO_CART: PresetWalk = {
  from: 'pod/default/client',
  to: 'svc/shop/cart',
  port: 7070,
  protocol: 'TCP',
};
