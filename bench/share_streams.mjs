// The server's memory per open event stream of a shared assessment (issue 20): opens N streams
// (16 per share, under the per-share cap of 64; 20 shares per client address and hour, so the streams come
// from 127.0.0.x addresses in turn), reads the server's VmRSS before and after, appends one
// 512-byte change (a typical edit, small enough to ride in the relay's buffer) to every share,
// waits until every stream has it and reads VmRSS again. Then checks that one stream past the
// server's cap (1000) is refused with 503.
//
//   node bench/share_streams.mjs                 # target/release/blomlada-server, N = 250, 500, 1000
//   BENCH_SERVER=/path/to/binary BENCH_STREAMS=100,1000 node bench/share_streams.mjs
//
// Prints the figures and writes them as JSON to $BENCH_SHARE_STREAMS_OUT when set. Loopback only.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { startServer } from './server.mjs';

const COUNTS = (process.env.BENCH_STREAMS || '250,500,1000').split(',').map(Number);
const PER_SHARE = 16;
const SHARES_PER_ADDRESS = 20;
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;

function vm(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const of = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+) kB`)) || [])[1] || 0) * 1024;
  return { rss: of('VmRSS'), hwm: of('VmHWM') };
}

function request(base, method, path, { body, secret, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json' };
    if (secret) headers.authorization = `Bearer ${secret}`;
    const req = http.request(new URL(path, base), { method, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** One raw stream: resolves with the socket and its status once the response head is in. */
function openStream(base, path) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    let head = '';
    const events = { count: 0 };
    const onData = (chunk) => {
      if (head !== null) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = Number(head.split(' ')[1]);
        const rest = head.slice(end + 4);
        head = null;
        events.count += (rest.match(/event: change/g) || []).length;
        resolve({ socket, status, events });
      } else {
        events.count += (chunk.toString('latin1').match(/event: change/g) || []).length;
      }
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const change = () => ({ data: b64url(crypto.getRandomValues(new Uint8Array(512))) });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const figures = { per_share: PER_SHARE, runs: [] };
for (const n of COUNTS) {
  const server = await startServer();
  const pid = server.child.pid;
  try {
    const shares = [];
    for (let i = 0; i < Math.ceil(n / PER_SHARE); i++) {
      const localAddress = `127.0.0.${2 + Math.floor(i / SHARES_PER_ADDRESS)}`;
      const r = await request(server.base, 'POST', '/api/v1/shares', { body: {}, localAddress });
      if (r.status !== 201) throw new Error(`create share: ${r.status} ${r.text}`);
      shares.push(JSON.parse(r.text));
    }
    await sleep(500);
    const before = vm(pid);
    const streams = [];
    for (let i = 0; i < n; i++) {
      const share = shares[Math.floor(i / PER_SHARE)];
      const s = await openStream(server.base, `/api/v1/shares/${share.id}/events`);
      if (s.status !== 200) throw new Error(`stream ${i}: ${s.status}`);
      streams.push(s);
    }
    await sleep(500);
    const open = vm(pid);
    for (const share of shares) {
      const r = await request(server.base, 'POST', `/api/v1/shares/${share.id}/changes`, { body: change(), secret: share.write });
      if (r.status !== 201) throw new Error(`append: ${r.status} ${r.text}`);
    }
    const deadline = Date.now() + 60_000;
    while (streams.some((s) => s.events.count < 1) && Date.now() < deadline) await sleep(50);
    const delivered = streams.filter((s) => s.events.count >= 1).length;
    const afterChange = vm(pid);
    let refused = null;
    if (n >= 1000) {
      const extra = await request(server.base, 'POST', '/api/v1/shares', { body: {}, localAddress: '127.0.1.1' });
      const id = JSON.parse(extra.text).id;
      const s = await openStream(server.base, `/api/v1/shares/${id}/events`);
      refused = s.status;
      s.socket.destroy();
    }
    const run = {
      streams: n,
      shares: shares.length,
      rss_before: before.rss,
      rss_open: open.rss,
      rss_after_change: afterChange.rss,
      per_stream_open: Math.round((open.rss - before.rss) / n),
      per_stream_after_change: Math.round((afterChange.rss - before.rss) / n),
      delivered,
      stream_past_cap: refused,
    };
    figures.runs.push(run);
    console.log(`${n} streams on ${shares.length} shares: RSS ${mb(before.rss)} → ${mb(open.rss)} open (${kb(run.per_stream_open)} per stream)` +
      ` → ${mb(afterChange.rss)} after one 512-byte change each (${kb(run.per_stream_after_change)} per stream); delivered to ${delivered}/${n}` +
      (refused === null ? '' : `; stream ${n + 1}: ${refused}`));
    for (const s of streams) s.socket.destroy();
  } finally {
    server.child.kill();
  }
}
if (process.env.BENCH_SHARE_STREAMS_OUT) fs.writeFileSync(process.env.BENCH_SHARE_STREAMS_OUT, JSON.stringify(figures, null, 2) + '\n');
