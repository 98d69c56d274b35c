// Where the first module's bytes are (issue 23): reads a WASM module built with its names kept
// (`xtask build --keep-names`), and sums the code of every function by the crate it belongs to
// (from its mangled Rust name), beside the data section and everything else. Each group's bytes
// are also compressed with brotli on their own, as a rough share of the wire size (brotli of the
// whole module is less than the sum: it finds repeats across groups).
//
//   cargo run --release --manifest-path xtask/Cargo.toml -- build --keep-names --dist target/dist-names
//   node bench/module_sizes.mjs target/dist-names            # the first module (blomlada-*_bg.wasm)
//   node bench/module_sizes.mjs path/to/module.wasm [top N functions]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function name(bytes, at) {
  const [len, start] = leb(bytes, at);
  return [new TextDecoder().decode(bytes.subarray(start, start + len)), start + len];
}

/** Sections, function bodies (in index order after the imports) and the name section's function names. */
export function parseModule(bytes) {
  const sections = [];
  const bodies = [];
  const names = new Map();
  let importedFunctions = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    const end = start + size;
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] || `id ${id}`;
    if (id === 0) {
      const [custom, after] = name(bytes, start);
      label = `custom "${custom}"`;
      if (custom === 'name') {
        let p = after;
        while (p < end) {
          const kind = bytes[p];
          const [subSize, subStart] = leb(bytes, p + 1);
          if (kind === 1) {
            let [count, q] = leb(bytes, subStart);
            for (let i = 0; i < count; i++) {
              let index;
              let fn;
              [index, q] = leb(bytes, q);
              [fn, q] = name(bytes, q);
              names.set(index, fn);
            }
          }
          p = subStart + subSize;
        }
      }
    }
    if (id === 2) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        let kind;
        [, p] = name(bytes, p);
        [, p] = name(bytes, p);
        kind = bytes[p++];
        if (kind === 0) {
          importedFunctions++;
          [, p] = leb(bytes, p);
        } else if (kind === 1) {
          p += 1;
          const flags = bytes[p++];
          [, p] = leb(bytes, p);
          if (flags & 1) [, p] = leb(bytes, p);
        } else if (kind === 2) {
          const flags = bytes[p++];
          [, p] = leb(bytes, p);
          if (flags & 1) [, p] = leb(bytes, p);
        } else if (kind === 3) {
          p += 2;
        } else {
          p += 1;
        }
      }
    }
    if (id === 10) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        const [bodySize, bodyStart] = leb(bytes, p);
        bodies.push({ index: importedFunctions + i, bytes: bytes.subarray(p, bodyStart + bodySize) });
        p = bodyStart + bodySize;
      }
    }
    sections.push({ id, label, size: end - at, bytes: bytes.subarray(at, end) });
    at = end;
  }
  return { sections, bodies, names };
}

/** `_ZN6leptos3foo3barE` / `_ZN...` legacy Rust mangling: the path's first segment; `<T as U>`
 * impls name the crate of the type after `_$LT$`. Everything else is its own group. */
export function crateOf(fn) {
  if (!fn) return '(no name)';
  let s = fn;
  if (s.startsWith('_ZN')) {
    let p = 3;
    const parts = [];
    while (p < s.length && /[0-9]/.test(s[p])) {
      let n = 0;
      while (/[0-9]/.test(s[p])) n = n * 10 + Number(s[p++]);
      parts.push(s.slice(p, p + n));
      p += n;
    }
    let first = parts[0] || '(unparsed)';
    if (first.startsWith('_$LT$')) first = first.slice(5).split(/\.\.|\$/)[0] || first;
    return first.replace(/^_/, '');
  }
  if (s.startsWith('_R')) return '(v0 mangled)';
  return s.split(/::|\(|</)[0] || s;
}

function br(bytes) {
  return zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  let file = process.argv[2] || 'target/dist-names';
  if (fs.statSync(file).isDirectory()) {
    const first = fs.readdirSync(file).find((f) => /^blomlada-[0-9a-f]+_bg\.wasm$/.test(f));
    if (!first) throw new Error(`no blomlada-*_bg.wasm in ${file}`);
    file = path.join(file, first);
  }
  const top = Number(process.argv[3] || 25);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const { sections, bodies, names } = parseModule(bytes);
  console.log(`${file}: ${kb(bytes.length)} raw, ${kb(br(bytes))} brotli`);
  console.log('\nsections:');
  for (const s of sections.filter((s) => s.size > 1024)) console.log(`  ${s.label.padEnd(24)} ${kb(s.size).padStart(10)} raw ${kb(br(s.bytes)).padStart(10)} brotli`);
  const groups = new Map();
  for (const b of bodies) {
    const c = crateOf(names.get(b.index));
    const g = groups.get(c) || { size: 0, n: 0, parts: [] };
    g.size += b.bytes.length;
    g.n += 1;
    g.parts.push(b.bytes);
    groups.set(c, g);
  }
  const rows = [...groups.entries()].sort((a, b) => b[1].size - a[1].size);
  console.log('\ncode by crate (functions, raw, brotli of the group alone):');
  for (const [c, g] of rows.slice(0, top)) {
    const joined = Buffer.concat(g.parts.map((p) => Buffer.from(p)));
    console.log(`  ${c.padEnd(28)} ${String(g.n).padStart(6)} ${kb(g.size).padStart(10)} ${kb(br(joined)).padStart(10)}`);
  }
  console.log(`\nlargest functions:`);
  for (const b of [...bodies].sort((a, b) => b.bytes.length - a.bytes.length).slice(0, top)) {
    console.log(`  ${kb(b.bytes.length).padStart(9)}  ${(names.get(b.index) || `#${b.index}`).slice(0, 140)}`);
  }
}
