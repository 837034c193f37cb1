// npm and pnpm set the bin's mode on install; a direct `node dist/main.js` or `./dist/main.js` needs it here.
import { chmodSync } from 'node:fs'

chmodSync(new URL('../dist/main.js', import.meta.url), 0o755)
