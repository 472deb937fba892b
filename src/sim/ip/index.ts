/** iproute2's view of a namespace in the derived cluster (`k8snet ip`). */
export { ipShow, parseIpObject, type IpObject, type IpTarget } from './show';
export { linkLocal, podNetnsName } from './links';
