// Writes a brotli (.br) and a gzip (.gz) copy beside every built file worth compressing, once,
// at build time, at the highest levels (too slow to do per request). blomlada-server sends them
// with Content-Encoding (tower-http's ServeDir precompressed_br/precompressed_gzip).
// Usage: node scripts/precompress.mjs <dir>   (Trunk's post_build hook passes its staging dir)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = /\.(wasm|js|mjs|css|json|svg|webmanifest|txt|csv|xml)$/;
// index.html is read and sent by the server itself (it hashes its inline scripts for the CSP).
const SKIP = new Set(['index.html']);

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/precompress.mjs <dir>');
  process.exit(2);
}

function* files(d) {
  for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name) && !SKIP.has(entry.name)) yield p;
  }
}

let raw = 0;
let br = 0;
let count = 0;
for (const file of files(dir)) {
  const data = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: /\.wasm$/.test(file) ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = zlib.gzipSync(data, { level: 9 });
  // A copy that saves nothing only costs a file system lookup; leave it out.
  if (brotli.length < data.length) fs.writeFileSync(`${file}.br`, brotli);
  if (gzip.length < data.length) fs.writeFileSync(`${file}.gz`, gzip);
  raw += data.length;
  br += Math.min(brotli.length, data.length);
  count += 1;
}
console.log(`precompressed ${count} files: ${(raw / 1024).toFixed(1)} KB → ${(br / 1024).toFixed(1)} KB brotli`);
