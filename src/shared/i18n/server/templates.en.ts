// English: the built-in message templates (WhatsApp, e-mail, Telegram), the same events and placeholders as
// templates.id.ts.
import type { MessageEvent } from '../../contract/messaging';

export const templatesEn: Record<MessageEvent, { subject: string; text: string }> = {
  invoiceIssued: {
    subject: 'Invoice {{invoiceNumber}} from {{companyName}}',
    text: 'Dear {{customerName}}, your internet invoice {{invoiceNumber}} for {{period}} of {{amount}} has been issued, due {{dueDate}}.\n{{paymentInstructions}}\nThank you — {{companyName}}',
  },
  dueReminder: {
    subject: 'Reminder: invoice {{invoiceNumber}} is due {{dueDate}}',
    text: 'Dear {{customerName}}, invoice {{invoiceNumber}} of {{amount}} is due {{dueDate}}. Please ignore this message if you have already paid.\n{{paymentInstructions}}\n— {{companyName}}',
  },
  overdue: {
    subject: 'Invoice {{invoiceNumber}} is overdue',
    text: 'Dear {{customerName}}, invoice {{invoiceNumber}} of {{amount}} is overdue (due {{dueDate}}, {{daysOverdue}} days ago). Please pay soon so that your service is not suspended.\n{{paymentInstructions}}\n— {{companyName}}',
  },
  suspended: {
    subject: 'Your internet service is suspended',
    text: 'Dear {{customerName}}, your internet service ({{customerCode}}) is suspended because {{amount}} is unpaid. It comes back on by itself as soon as the payment is received.\n{{paymentInstructions}}\n— {{companyName}}',
  },
  reactivated: {
    subject: 'Your internet service is back on',
    text: 'Dear {{customerName}}, thank you. Your internet service ({{customerCode}}) is active again.\n— {{companyName}}',
  },
  paymentReceived: {
    subject: 'Payment received — receipt {{receiptNumber}}',
    text: 'Dear {{customerName}}, we received your payment of {{amount}} for {{invoiceNumber}} on {{paidAt}}. Receipt number: {{receiptNumber}}.\nThank you — {{companyName}}',
  },
  outageStarted: {
    subject: 'Network disruption in your area',
    text: 'Dear {{customerName}}, there is a network disruption in the {{area}} area since {{since}}. Our technicians are working on it. We apologise for the inconvenience.\n— {{companyName}}',
  },
  outageEnded: {
    subject: 'Service restored',
    text: 'Dear {{customerName}}, the disruption in the {{area}} area was resolved at {{restoredAt}} after {{duration}}. Thank you for your patience.\n— {{companyName}}',
  },
  teamAlert: { subject: '[{{severity}}] {{alert}}', text: '🔴 [{{severity}}] {{alert}}\n{{at}}' },
  teamAlertRepeat: { subject: '[{{severity}}] Still open: {{alert}}', text: '⏰ Still open after {{openFor}}: [{{severity}}] {{alert}}\nSince {{at}}' },
  teamAlertResolved: { subject: 'Resolved: {{alert}}', text: '✅ Resolved after {{duration}}: {{alert}}\n{{at}}' },
  teamSummary: { subject: '{{count}} new alerts', text: '⚠️ {{count}} new alerts within 30 seconds:\n{{alerts}}' },
};
