#!/usr/bin/env node
// Benchmark (not a test): export a 10,000-entry DIP edition as CSV, XLSX and PDF with the
// compiled streaming writers, each in its own child process so peak RSS is per format.
// Usage: node bench/dip-export.js [entries] (compiles the plugin's sources with tsc on first use)
// Writes bench/results/dip-export.json.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.cache', 'ppid-tsc');
const EXPORTS = path.join(OUT, 'server/src/dip/exports');
if (!fs.existsSync(path.join(EXPORTS, 'index.js'))) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'packages/strapi-plugin-ppid/server/tsconfig.json', '--outDir', OUT], { cwd: ROOT, stdio: 'inherit' });
}
const COUNT = Number(process.env.DIP_BENCH_ENTRIES || (process.argv[2] !== '--child' && process.argv[2]) || 10000);

function* entries(n) {
  const klas = ['berkala', 'serta_merta', 'setiap_saat'];
  for (let i = 1; i <= n; i++) {
    yield {
      key: `bench-${i}`,
      nomor: i,
      ringkasan: `Informasi publik nomor ${i}: laporan kegiatan, anggaran dan kinerja unit kerja tahun 2026`,
      pejabatUnit: `Bidang ${(i % 12) + 1}`,
      penanggungJawab: `Kepala Bidang ${(i % 12) + 1}`,
      waktuTempat: { waktu: '2026-01-15', tempat: 'Sangatta' },
      bentuk: i % 2 ? ['softcopy', 'hardcopy'] : ['softcopy'],
      retensi: { aktifTahun: 2, inaktifTahun: 5, disposisiAkhir: 'permanen' },
      klasifikasi: klas[i % 3],
      tautan: `https://ppid.example.go.id/dip/${i}`,
    };
  }
}

async function child(format) {
  const { writeDipCsv, writeDipXlsx, writeDipPdf } = require(EXPORTS);
  const meta = {
    title: 'Daftar Informasi Publik 2026',
    instansi: 'BKPSDM Kabupaten Kutai Timur',
    decreeNumber: '000.8.3.3/0001/BKPSDM/2026',
    decreeDate: '2026-01-15',
    ditetapkanDi: 'Sangatta',
    signer: { nama: 'Atasan PPID', nip: '198005072005011001', jabatan: 'Sekretaris Daerah selaku Atasan PPID' },
    verificationUrl: 'https://ppid.example.go.id/api/ppid/verify/ABCDEF',
  };
  const file = path.join(os.tmpdir(), `dip-bench-${process.pid}.${format}`);
  let peak = process.memoryUsage().rss;
  const startRss = peak;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = process.hrtime.bigint();
  const out = fs.createWriteStream(file);
  const done = new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
  if (format === 'csv') await writeDipCsv(entries(COUNT), out);
  else if (format === 'xlsx') await writeDipXlsx(entries(COUNT), meta, out);
  else await writeDipPdf(entries(COUNT), meta, out);
  await done;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const bytes = fs.statSync(file).size;
  fs.unlinkSync(file);
  process.stdout.write(JSON.stringify({ format, entries: COUNT, seconds: +seconds.toFixed(3), bytes, startRssMB: +(startRss / 1048576).toFixed(1), peakRssMB: +(peak / 1048576).toFixed(1) }));
}

if (process.argv[2] === '--child') {
  child(process.argv[3]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  if (!fs.existsSync(EXPORTS + '/index.js')) {
    console.error('Compiled exports not found: run node scripts/build-server.js first');
    process.exit(1);
  }
  const results = [];
  for (const format of ['csv', 'xlsx', 'pdf']) {
    const out = execFileSync(process.execPath, [__filename, '--child', format], { env: { ...process.env, DIP_BENCH_ENTRIES: String(COUNT) } }).toString();
    const r = JSON.parse(out);
    results.push(r);
    console.log(`${format.padEnd(5)} ${String(r.entries).padStart(6)} entries  ${r.seconds.toFixed(2)} s  peak RSS ${r.peakRssMB} MB  (${(r.bytes / 1024).toFixed(0)} KiB)`);
  }
  // BENCH_RESULT_FILE: where `npm run bench` wants it (a quick run never overwrites the committed file).
  const file = process.env.BENCH_RESULT_FILE || path.join(__dirname, 'results', 'dip-export.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify({ bench: 'dip-export', node: process.version, platform: `${os.platform()} ${os.arch()}`, date: new Date().toISOString(), results }, null, 2) + '\n'
  );
  console.log(`→ ${path.relative(path.join(__dirname, '..'), file)}`);
}
