// Bahasa Indonesia: the built-in message templates (WhatsApp, e-mail, Telegram). `{{placeholder}}` as in
// TEMPLATE_PLACEHOLDERS; money, dates and times arrive already written the Indonesian way.
import type { MessageEvent } from '../../contract/messaging';

export const templatesId: Record<MessageEvent, { subject: string; text: string }> = {
  invoiceIssued: {
    subject: 'Tagihan {{invoiceNumber}} dari {{companyName}}',
    text: 'Yth. {{customerName}}, tagihan internet {{invoiceNumber}} periode {{period}} sebesar {{amount}} telah terbit, jatuh tempo {{dueDate}}.\n{{paymentInstructions}}\nTerima kasih — {{companyName}}',
  },
  dueReminder: {
    subject: 'Pengingat: tagihan {{invoiceNumber}} jatuh tempo {{dueDate}}',
    text: 'Yth. {{customerName}}, tagihan {{invoiceNumber}} sebesar {{amount}} jatuh tempo {{dueDate}}. Abaikan pesan ini jika sudah membayar.\n{{paymentInstructions}}\n— {{companyName}}',
  },
  overdue: {
    subject: 'Tagihan {{invoiceNumber}} telah lewat jatuh tempo',
    text: 'Yth. {{customerName}}, tagihan {{invoiceNumber}} sebesar {{amount}} telah lewat jatuh tempo ({{dueDate}}, {{daysOverdue}} hari). Mohon segera dibayar agar layanan tidak terisolir.\n{{paymentInstructions}}\n— {{companyName}}',
  },
  suspended: {
    subject: 'Layanan internet Anda diisolir',
    text: 'Yth. {{customerName}}, layanan internet Anda ({{customerCode}}) diisolir karena tagihan sebesar {{amount}} belum dibayar. Layanan aktif kembali otomatis setelah pembayaran diterima.\n{{paymentInstructions}}\n— {{companyName}}',
  },
  reactivated: {
    subject: 'Layanan internet Anda aktif kembali',
    text: 'Yth. {{customerName}}, terima kasih. Layanan internet Anda ({{customerCode}}) sudah aktif kembali.\n— {{companyName}}',
  },
  paymentReceived: {
    subject: 'Pembayaran diterima — kuitansi {{receiptNumber}}',
    text: 'Yth. {{customerName}}, pembayaran {{amount}} untuk {{invoiceNumber}} telah kami terima pada {{paidAt}}. Nomor kuitansi: {{receiptNumber}}.\nTerima kasih — {{companyName}}',
  },
  outageStarted: {
    subject: 'Gangguan jaringan di area Anda',
    text: 'Yth. {{customerName}}, saat ini ada gangguan jaringan di area {{area}} sejak {{since}}. Teknisi kami sedang menanganinya. Mohon maaf atas ketidaknyamanannya.\n— {{companyName}}',
  },
  outageEnded: {
    subject: 'Layanan sudah pulih',
    text: 'Yth. {{customerName}}, gangguan di area {{area}} sudah teratasi pada {{restoredAt}} setelah {{duration}}. Terima kasih atas kesabaran Anda.\n— {{companyName}}',
  },
  teamAlert: { subject: '[{{severity}}] {{alert}}', text: '🔴 [{{severity}}] {{alert}}\n{{at}}' },
  teamAlertRepeat: { subject: '[{{severity}}] Belum ditangani: {{alert}}', text: '⏰ Belum ditangani {{openFor}}: [{{severity}}] {{alert}}\nSejak {{at}}' },
  teamAlertResolved: { subject: 'Selesai: {{alert}}', text: '✅ Selesai setelah {{duration}}: {{alert}}\n{{at}}' },
  teamSummary: { subject: '{{count}} peringatan baru', text: '⚠️ {{count}} peringatan baru dalam 30 detik:\n{{alerts}}' },
};
