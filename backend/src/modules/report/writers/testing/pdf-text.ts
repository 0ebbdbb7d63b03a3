import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.js';

/**
 * The text of a PDF, one string per page, as a reader would copy it (pdfjs-dist's legacy build:
 * CommonJS, runs in Node and Jest without a browser). Text items of one line are joined by a
 * space, lines by a newline. Used by the unit tests of the PDF writer and the export integration
 * tests (it lives under src/ so that a unit spec can import it without a src → test import cycle).
 *
 * pdfjs logs two warnings when loaded in Node ("Cannot polyfill DOMMatrix/Path2D … canvas"): they
 * concern rendering only; text extraction does not need the optional `canvas` package.
 */
export async function extractPdfText(pdf: Buffer | Uint8Array): Promise<string[]> {
  const document = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : ' ');
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
