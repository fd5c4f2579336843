// Bahasa Indonesia: names of timeline fields beyond the form fields (invoice, payment and outage entries), and
// the names of files the console saves.
export const billId = {
  historyFields: {
    recipient: 'Penerima',
    invoiceNumber: 'Nomor tagihan',
    number: 'Nomor tagihan',
    total: 'Total',
    subtotal: 'Subtotal',
    tax: 'PPN',
    amount: 'Jumlah',
    method: 'Metode',
    periodStart: 'Awal periode',
    periodEnd: 'Akhir periode',
    currentPeriodStart: 'Awal periode berjalan',
    currentPeriodEnd: 'Akhir periode berjalan',
    issueDate: 'Tanggal terbit',
    dueDate: 'Jatuh tempo',
    creditBalance: 'Saldo kredit',
    customerId: 'Pelanggan',
    subscriptionId: 'Langganan',
    device: 'Perangkat',
    startedAt: 'Mulai',
    endedAt: 'Selesai',
    durationSec: 'Durasi',
  },
  downloadName: {
    receipt: 'kuitansi-{{id}}.pdf',
    customers: 'pelanggan-{{date}}',
  },
};
