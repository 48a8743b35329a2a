// bottleneck ships types for its full build only; the light build (the one the Octokit plugins use) has the same API.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
