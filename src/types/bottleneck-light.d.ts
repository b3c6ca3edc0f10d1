// Bottleneck's light build (no Redis clustering), the one @octokit/plugin-throttling itself loads; its types are
// the full build's.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
