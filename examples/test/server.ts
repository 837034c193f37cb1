// A minimal static server on 127.0.0.1; with `cors` it answers as a CDN does (any origin may read).
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
}

export interface StaticServer {
  /** The origin, with a trailing slash. */
  url: string
  /** Paths that were requested and not found. */
  missing: string[]
  close(): Promise<void>
}

export async function serve(root: string, options: { cors?: boolean } = {}): Promise<StaticServer> {
  const base = resolve(root)
  const missing: string[] = []
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = normalize(join(base, path))
    const headers: Record<string, string> = { 'cache-control': 'no-store' }
    if (options.cors) headers['access-control-allow-origin'] = '*'
    if (file !== base && !file.startsWith(base + sep)) return void res.writeHead(403, headers).end()
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      statSync(file)
    } catch {
      missing.push(path)
      return void res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found')
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, missing, close: () => new Promise((ok) => server.close(() => ok())) }
}
