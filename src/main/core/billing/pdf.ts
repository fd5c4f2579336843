// Printable documents with pdfkit: the invoice (company header, customer, lines, PPN, total, paid mark,
// payment instructions) and the receipt of a payment. Text in the site language; money as `Rp 150.000`.
import PDFDocument from 'pdfkit';
import type { Customer, Invoice, Language, Payment, Settings } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/money';

const TEXT: Record<Language, Record<string, string>> = {
  id: {
    invoice: 'FAKTUR TAGIHAN', receipt: 'KUITANSI PEMBAYARAN', number: 'Nomor', issued: 'Tanggal terbit', due: 'Jatuh tempo',
    period: 'Periode layanan', billTo: 'Ditagihkan kepada', description: 'Uraian', amount: 'Jumlah', subtotal: 'Subtotal',
    tax: 'PPN', total: 'Total', paid: 'Dibayar', balance: 'Sisa tagihan', howToPay: 'Cara pembayaran', taxId: 'NPWP',
    PAID: 'LUNAS', UNPAID: 'BELUM LUNAS', VOID: 'BATAL', received: 'Telah diterima dari', forInvoice: 'Untuk faktur',
    method: 'Metode', reference: 'Referensi', date: 'Tanggal', by: 'Diterima oleh', credit: 'Menjadi saldo kredit',
    cash: 'Tunai', bank_transfer: 'Transfer bank', ewallet: 'Dompet digital', other: 'Lainnya',
  },
  en: {
    invoice: 'INVOICE', receipt: 'PAYMENT RECEIPT', number: 'Number', issued: 'Issue date', due: 'Due date',
    period: 'Service period', billTo: 'Bill to', description: 'Description', amount: 'Amount', subtotal: 'Subtotal',
    tax: 'VAT (PPN)', total: 'Total', paid: 'Paid', balance: 'Balance due', howToPay: 'How to pay', taxId: 'Tax ID (NPWP)',
    PAID: 'PAID', UNPAID: 'UNPAID', VOID: 'VOID', received: 'Received from', forInvoice: 'For invoice',
    method: 'Method', reference: 'Reference', date: 'Date', by: 'Received by', credit: 'Kept as credit',
    cash: 'Cash', bank_transfer: 'Bank transfer', ewallet: 'E-wallet', other: 'Other',
  },
};

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

function header(doc: PDFKit.PDFDocument, settings: Settings, title: string, t: Record<string, string>): void {
  doc.font('Helvetica-Bold').fontSize(16).text(settings.companyName || 'NOCman', 50, 50);
  doc.font('Helvetica').fontSize(9).fillColor('#444');
  if (settings.companyAddress) doc.text(settings.companyAddress, { width: 280 });
  if (settings.companyTaxId) doc.text(`${t['taxId']}: ${settings.companyTaxId}`);
  doc.fillColor('#000').font('Helvetica-Bold').fontSize(14).text(title, 330, 50, { width: 215, align: 'right' });
  doc.moveTo(50, 115).lineTo(545, 115).strokeColor('#999').stroke();
}

function row(doc: PDFKit.PDFDocument, y: number, label: string, value: string, bold = false): void {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
  doc.text(label, 330, y, { width: 110 });
  doc.text(value, 440, y, { width: 105, align: 'right' });
}

export function invoicePdf(invoice: Invoice, customer: Customer, settings: Settings): Promise<Buffer> {
  const t = TEXT[settings.language];
  return render((doc) => {
    header(doc, settings, t['invoice']!, t);
    doc.font('Helvetica').fontSize(10).fillColor('#000');
    doc.text(`${t['number']}: ${invoice.number}`, 330, 125, { width: 215, align: 'right' });
    doc.text(`${t['issued']}: ${invoice.issueDate}`, { width: 215, align: 'right' });
    doc.text(`${t['due']}: ${invoice.dueDate}`, { width: 215, align: 'right' });
    doc.text(`${t['period']}: ${invoice.periodStart} – ${invoice.periodEnd}`, { width: 215, align: 'right' });
    doc.font('Helvetica-Bold').text(t['billTo']!, 50, 125);
    doc.font('Helvetica').text(`${customer.name} (${customer.code})`).text(customer.address || '-', { width: 260 }).text(customer.phone);
    let y = 215;
    doc.font('Helvetica-Bold').text(t['description']!, 50, y).text(t['amount']!, 440, y, { width: 105, align: 'right' });
    doc.moveTo(50, y + 14).lineTo(545, y + 14).stroke();
    y += 22;
    doc.font('Helvetica');
    for (const line of invoice.lines.filter((l) => l.kind !== 'credit')) {
      doc.text(line.description, 50, y, { width: 370 });
      doc.text(formatRupiah(line.amount), 440, y, { width: 105, align: 'right' });
      y = Math.max(doc.y, y + 14) + 4;
    }
    doc.moveTo(330, y).lineTo(545, y).stroke();
    y += 8;
    row(doc, y, t['subtotal']!, formatRupiah(invoice.subtotal));
    row(doc, y + 16, `${t['tax']} ${invoice.taxRate}%`, formatRupiah(invoice.tax));
    row(doc, y + 32, t['total']!, formatRupiah(invoice.total), true);
    row(doc, y + 48, t['paid']!, formatRupiah(invoice.amountPaid));
    row(doc, y + 64, t['balance']!, formatRupiah(invoice.balance), true);
    const mark = invoice.status === 'void' ? t['VOID']! : invoice.status === 'paid' ? t['PAID']! : t['UNPAID']!;
    const color = invoice.status === 'paid' ? '#2b8a3e' : invoice.status === 'void' ? '#868e96' : '#c92a2a';
    doc.font('Helvetica-Bold').fontSize(18);
    const width = doc.widthOfString(mark) + 24;
    doc.lineWidth(2).roundedRect(50, y + 20, width, 34, 4).strokeColor(color).stroke();
    doc.fillColor(color).text(mark, 62, y + 29, { lineBreak: false });
    doc.fillColor('#000').strokeColor('#999').lineWidth(1);
    if (settings.paymentInstructions) {
      doc.font('Helvetica-Bold').fontSize(10).text(t['howToPay']!, 50, y + 100);
      doc.font('Helvetica').text(settings.paymentInstructions, { width: 495 });
    }
  });
}

export function receiptPdf(payment: Payment, invoice: Invoice, settings: Settings): Promise<Buffer> {
  const t = TEXT[settings.language];
  return render((doc) => {
    header(doc, settings, t['receipt']!, t);
    let y = 135;
    const line = (label: string, value: string) => {
      doc.font('Helvetica-Bold').fontSize(11).text(label, 50, y, { width: 160 });
      doc.font('Helvetica').text(value, 210, y, { width: 335 });
      y += 22;
    };
    line(t['number']!, `RCPT-${String(payment.id).padStart(6, '0')}`);
    line(t['date']!, payment.paidAt ?? payment.createdAt);
    line(t['received']!, `${payment.customerName} (${invoice.customerCode})`);
    line(t['amount']!, formatRupiah(payment.amount));
    line(t['forInvoice']!, `${invoice.number} (${invoice.periodStart} – ${invoice.periodEnd})`);
    line(t['method']!, t[payment.method] ?? payment.method);
    if (payment.reference) line(t['reference']!, payment.reference);
    if (payment.creditedAmount > 0) line(t['credit']!, formatRupiah(payment.creditedAmount));
    line(t['balance']!, formatRupiah(invoice.balance));
    line(t['by']!, payment.processedBy ?? payment.receivedBy);
  });
}
