// Every ```ts block of the READMEs, per README in order as one module (imports hoisted), must
// type-check against the built package (strict, skipLibCheck off) and run in Node without error,
// so the examples cannot rot.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('../../../', import.meta.url)
const READMES = { root: 'README.md', api: 'packages/api/README.md' }
// Inside the package, so `@weight-decay/api` resolves to its own built entry (package self-reference).
const OUT = new URL('./.readme/', import.meta.url)

/** The README's ts blocks as one module: import lines first, then every other line in order. */
export function readmeModule(markdown: string): { source: string; blocks: number } {
  const blocks = [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
  const lines = blocks.flatMap((b) => b.split('\n'))
  const imports = lines.filter((l) => l.startsWith('import '))
  const body = lines.filter((l) => !l.startsWith('import '))
  return { source: `${imports.join('\n')}\n${body.join('\n')}\nexport {}\n`, blocks: blocks.length }
}

describe('README code blocks', () => {
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  const files = Object.entries(READMES).map(([name, path]) => {
    const { source, blocks } = readmeModule(readFileSync(new URL(path, ROOT), 'utf8'))
    const file = fileURLToPath(new URL(`${name}.ts`, OUT))
    writeFileSync(file, source)
    return { name, file, source, blocks }
  })

  it('finds the blocks', () => {
    for (const f of files) expect(f.blocks, f.name).toBeGreaterThan(0)
  })

  it('type-check (strict, skipLibCheck off, es2022 + @types/node)', () => {
    const program = ts.createProgram(
      files.map((f) => f.file),
      { strict: true, skipLibCheck: false, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2022.d.ts'], types: ['node'] },
    )
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : ''
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n')
    })
    expect(problems).toEqual([])
  }, 60_000)

  it('run in Node', () => {
    for (const f of files) {
      const js = ts.transpileModule(f.source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText
      const file = fileURLToPath(new URL(`${f.name}.mjs`, OUT))
      writeFileSync(file, js)
      execFileSync(process.execPath, [file], { stdio: 'pipe', timeout: 120_000 })
    }
  }, 180_000)
})
