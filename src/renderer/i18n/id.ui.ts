// Bahasa Indonesia strings of the shared pieces: the connection banner, date and time fields.
export const uiId = {
  connection: {
    offlineSince: 'Tidak terhubung ke server NOCman sejak {{since}}.',
    lastData: 'Data yang tampil terakhir diperbarui {{at}}.',
    noData: 'Belum ada data yang diterima dari server.',
    retryIn: 'Mencoba lagi dalam {{seconds}} dtk.',
    reconnecting: 'Menghubungkan kembali…',
    retryNow: 'Coba sekarang',
  },
  typedInput: {
    datePlaceholder: 'hh/bb/tttt',
    dateInvalid: 'Tulis tanggal sebagai hh/bb/tttt, mis. 04/12/2026',
    timePlaceholder: 'jj.mm',
    timeInvalid: 'Tulis jam 24 jam sebagai jj.mm, mis. 20.55',
  },
};
