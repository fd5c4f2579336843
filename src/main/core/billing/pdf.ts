// Printable documents with pdfkit: the invoice (company header, customer, lines, PPN, total, paid mark,
// payment instructions) and the receipt of a payment. Every word in the reader's language (the caller decides
// which: api/language.ts), dates as "4 Desember 2026" and instants as "4 Desember 2026, 20.55 WIB" in the site
// time zone, money as `Rp 150.000`.
import PDFDocument from 'pdfkit';
import type { Customer, Invoice, Language, Payment, Settings } from '../../../shared/contract';
import { formatBusinessDate } from '../../../shared/i18n/format';
import { translator, type Translator } from '../../../shared/i18n/messages';
import { formatRupiah } from '../../../shared/money';

/** A business date as "4 Desember 2026" / "4 December 2026". */
function longDate(date: string, language: Language): string {
  return formatBusinessDate(date, language, 'long') ?? date;
}

function render(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'NOCman', Producer: 'NOCman' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

function header(doc: PDFKit.PDFDocument, settings: Settings, title: string, tr: Translator): void {
  doc.font('Helvetica-Bold').fontSize(16).text(settings.companyName || 'NOCman', 50, 50);
  doc.font('Helvetica').fontSize(9).fillColor('#444');
  if (settings.companyAddress) doc.text(settings.companyAddress, { width: 280 });
  if (settings.companyTaxId) doc.text(`${tr.t('pdf.taxId')}: ${settings.companyTaxId}`);
  doc.fillColor('#000').font('Helvetica-Bold').fontSize(14).text(title, 330, 50, { width: 215, align: 'right' });
  doc.moveTo(50, 115).lineTo(545, 115).strokeColor('#999').stroke();
}

function row(doc: PDFKit.PDFDocument, y: number, label: string, value: string, bold = false): void {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
  doc.text(label, 330, y, { width: 110 });
  doc.text(value, 440, y, { width: 105, align: 'right' });
}

export function invoicePdf(invoice: Invoice, customer: Customer, settings: Settings, language: Language): Promise<Buffer> {
  return render((doc) => drawInvoice(doc, invoice, customer, settings, language));
}

/** Several invoices in one document, one per page (bulk print). */
export function invoicesPdf(documents: readonly { invoice: Invoice; customer: Customer }[], settings: Settings, language: Language): Promise<Buffer> {
  return render((doc) =>
    documents.forEach(({ invoice, customer }, index) => {
      if (index > 0) doc.addPage();
      drawInvoice(doc, invoice, customer, settings, language);
    }),
  );
}

function drawInvoice(doc: PDFKit.PDFDocument, invoice: Invoice, customer: Customer, settings: Settings, language: Language): void {
  const tr = translator(language, settings.timeZone);
  const t = (key: string) => tr.t(`pdf.${key}`);
  const period = tr.t('pdf.periodValue', { start: invoice.periodStart, end: invoice.periodEnd });
  header(doc, settings, t('invoiceTitle'), tr);
  // Dates written out in full need the wider right block: a period fits on one line.
  doc.font('Helvetica').fontSize(10).fillColor('#000');
  doc.text(`${t('number')}: ${invoice.number}`, 265, 125, { width: 280, align: 'right' });
  doc.text(`${t('issued')}: ${longDate(invoice.issueDate, language)}`, { width: 280, align: 'right' });
  doc.text(`${t('due')}: ${longDate(invoice.dueDate, language)}`, { width: 280, align: 'right' });
  doc.text(`${t('period')}: ${period}`, { width: 280, align: 'right' });
  doc.font('Helvetica-Bold').text(t('billTo'), 50, 125);
  doc.font('Helvetica').text(`${customer.name} (${customer.code})`, { width: 205 }).text(customer.address || '-', { width: 205 }).text(customer.phone);
  let y = Math.max(doc.y, 190) + 20;
  doc.font('Helvetica-Bold').text(t('description'), 50, y).text(t('amount'), 440, y, { width: 105, align: 'right' });
  doc.moveTo(50, y + 14).lineTo(545, y + 14).stroke();
  y += 22;
  doc.font('Helvetica');
  for (const line of invoice.lines.filter((l) => l.kind !== 'credit')) {
    doc.text(tr.render(line.text), 50, y, { width: 370 });
    const bottom = doc.y;
    doc.text(formatRupiah(line.amount), 440, y, { width: 105, align: 'right', lineBreak: false });
    y = Math.max(bottom, y + 14) + 4;
  }
  doc.moveTo(330, y).lineTo(545, y).stroke();
  y += 8;
  row(doc, y, t('subtotal'), formatRupiah(invoice.subtotal));
  row(doc, y + 16, tr.t('pdf.tax', { rate: invoice.taxRate }), formatRupiah(invoice.tax));
  row(doc, y + 32, t('total'), formatRupiah(invoice.total), true);
  row(doc, y + 48, t('paid'), formatRupiah(invoice.amountPaid));
  row(doc, y + 64, t('balance'), formatRupiah(invoice.balance), true);
  const mark = invoice.status === 'void' ? t('markVoid') : invoice.status === 'paid' ? t('markPaid') : t('markUnpaid');
  const color = invoice.status === 'paid' ? '#2b8a3e' : invoice.status === 'void' ? '#868e96' : '#c92a2a';
  doc.font('Helvetica-Bold').fontSize(18);
  const width = doc.widthOfString(mark) + 24;
  doc.lineWidth(2).roundedRect(50, y + 20, width, 34, 4).strokeColor(color).stroke();
  doc.fillColor(color).text(mark, 62, y + 29, { lineBreak: false });
  doc.fillColor('#000').strokeColor('#999').lineWidth(1);
  if (settings.paymentInstructions) {
    doc.font('Helvetica-Bold').fontSize(10).text(t('howToPay'), 50, y + 100);
    doc.font('Helvetica').text(settings.paymentInstructions, { width: 495 });
  }
}

export function receiptPdf(payment: Payment, invoice: Invoice, settings: Settings, language: Language): Promise<Buffer> {
  const tr = translator(language, settings.timeZone);
  const t = (key: string) => tr.t(`pdf.${key}`);
  return render((doc) => {
    header(doc, settings, t('receiptTitle'), tr);
    let y = 135;
    const line = (label: string, value: string) => {
      doc.font('Helvetica-Bold').fontSize(11).text(label, 50, y, { width: 160 });
      doc.font('Helvetica').text(value, 210, y, { width: 335 });
      y = Math.max(doc.y, y + 16) + 6;
    };
    line(t('number'), `RCPT-${String(payment.id).padStart(6, '0')}`);
    line(t('date'), tr.t('pdf.dateValue', { at: payment.paidAt ?? payment.createdAt }));
    line(t('received'), `${payment.customerName} (${invoice.customerCode})`);
    line(t('amount'), formatRupiah(payment.amount));
    line(t('forInvoice'), tr.t('pdf.forInvoiceValue', { number: invoice.number, start: invoice.periodStart, end: invoice.periodEnd }));
    line(t('method'), t(`methods.${payment.method}`));
    if (payment.reference) line(t('reference'), payment.reference);
    if (payment.creditedAmount > 0) line(t('credit'), formatRupiah(payment.creditedAmount));
    line(t('balance'), formatRupiah(invoice.balance));
    line(t('by'), payment.processedBy ?? payment.receivedBy);
  });
}
