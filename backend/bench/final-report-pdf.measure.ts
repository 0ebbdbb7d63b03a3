/**
 * Measures the final report's PDF writer alone: 2,000 in-memory mobilities → PDF in memory.
 * `node backend/scripts/run.cjs backend/bench/final-report-pdf.measure.ts [rows]`
 * Prints the time, the pages and the peak resident memory (sampled every 5 ms).
 */
import { Writable } from 'node:stream';
import { writeFinalReportPdf } from '../src/modules/report/writers/final-report.pdf';
import { fakeMobilityRows, fakeReportSource } from '../src/modules/report/writers/testing/fake-report-source';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const rows = fakeMobilityRows(count);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  for (const run of ['warm-up', 'measured']) {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const rssBefore = process.memoryUsage().rss;
    peak = rssBefore;
    const started = process.hrtime.bigint();
    const result = await writeFinalReportPdf(fakeReportSource(rows), out, () => undefined);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    peak = Math.max(peak, process.memoryUsage().rss);
    const bytes = chunks.reduce((sum, c) => sum + c.length, 0);
    const pages = (
      Buffer.concat(chunks)
        .toString('latin1')
        .match(/\/Type \/Page\b/g) ?? []
    ).length;
    console.log(
      `${run}: ${result.rows} mobilities → ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms; ` +
        `RSS before ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
    );
  }
  clearInterval(sampler);
}

void main();
