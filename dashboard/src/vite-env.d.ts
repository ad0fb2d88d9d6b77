// Types the build-time environment the dashboard reads.
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of a separately deployed gateway Worker; empty means the same origin as the dashboard. */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
