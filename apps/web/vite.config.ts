import { defineConfig, type Plugin } from 'vite'

/**
 * The Content-Security-Policy of the built page, as a meta tag (so it holds on any static
 * server). Wasm needs 'wasm-unsafe-eval'; nothing inline is allowed. Dev mode leaves it out
 * because vite's dev server injects inline styles for hot reload.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

function csp(): Plugin {
  return {
    name: 'weight-decay-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  }
}

export default defineConfig({
  // Relative URLs, so dist/ works from any folder of any static server.
  base: './',
  plugins: [csp()],
  worker: { format: 'es' },
  build: { target: 'es2022', modulePreload: { polyfill: false }, reportCompressedSize: true },
})
