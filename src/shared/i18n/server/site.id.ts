// Bahasa Indonesia: the desktop app's site dialogs (host or join, the host's certificate) and the join page.
export const siteId = {
  site: {
    choose: {
      title: 'NOCman — workstation ini',
      message: 'Bagaimana PC ini ikut dalam situs?',
      detail:
        'Jadi host situs ini: PC ini menyimpan database dan menjalankan monitor, poller dan penagihan; PC ini juga bisa melayani jaringan situs.\nGabung ke situs: PC ini menampilkan layar host NOCman di jaringan Anda; host yang menjalankan semuanya.',
      host: 'Jadi host situs ini',
      join: 'Gabung ke situs',
      quit: 'Keluar',
    },
    join: {
      title: 'Gabung ke situs NOCman',
      intro: 'Ketik alamat host NOCman, seperti yang diberikan admin-nya (host menjalankan `nocman serve --tls`, atau aplikasi desktop yang melayani situs).',
      address: 'Alamat host',
      placeholder: 'https://10.0.0.5:5000',
      connect: 'Hubungkan',
      badAddress: 'Ketik alamat seperti https://10.0.0.5:5000 (https, nama host atau alamat IP, dan port).',
      unreachable: 'Tidak ada jawaban TLS dari {{url}}: {{reason}}',
      confirmTitle: 'Periksa sertifikat host',
      confirmMessage: 'Apakah ini sertifikat host NOCman Anda {{url}}?',
      confirmDetail:
        'Sidik jari SHA-256:\n{{fingerprint}}\n\nBandingkan dengan sidik jari yang dicetak host saat mulai (atau yang dibacakan admin-nya). Mulai sekarang NOCman hanya memercayai sertifikat ini.',
      trust: 'Percayai dan gabung',
      cancel: 'Batal',
    },
    served: {
      menu: 'Melayani situs di {{url}}…',
      title: 'PC ini melayani situs',
      message: 'Workstation bergabung ke situs ini di {{url}} (pakai alamat jaringan PC ini sebagai ganti 0.0.0.0).',
      detail: 'Sidik jari SHA-256 sertifikat:\n{{fingerprint}}\n\nWorkstation menunjukkan sidik jari ini saat pertama kali bergabung: harus sama.',
    },
    serveFailed: {
      title: 'Server jaringan situs tidak berjalan',
      message: 'NOCman tidak dapat melayani situs di {{address}}: {{reason}}',
      detail: 'PC ini tetap menjalankan situs (database, monitor, penagihan); workstation lain tidak dapat bergabung sampai ini diperbaiki. Pilih alamat atau port lain, atau hentikan yang memakainya, lalu jalankan ulang NOCman.',
    },
    offline: {
      title: 'NOCman — host tidak menjawab',
      message: 'Host NOCman {{url}} tidak menjawab ({{reason}}).',
      retry: 'NOCman mencoba lagi sendiri; percobaan berikutnya dalam {{sec}} dtk. Tidak ada yang hilang: host menyimpan data situs dan menjalankan monitor dan penagihan.',
      certificate: 'Sertifikat host ditolak: bukan sertifikat yang dipercaya workstation ini (lihat peringatan yang ditampilkan NOCman). NOCman tidak mencoba lagi sampai Anda memercayai sertifikat baru.',
      leave: 'Untuk bergabung ke situs lain, keluar dari NOCman, hapus {{file}} lalu jalankan lagi.',
    },
    certChanged: {
      title: 'Sertifikat host berubah',
      message: 'NOCman menolak sambungan ke {{host}}: host menunjukkan sertifikat yang berbeda dari yang dipercaya workstation ini.',
      detail:
        'Dipercaya: {{pinned}}\nDitunjukkan sekarang: {{seen}}\n\nIni terjadi bila host membuat sertifikat baru — atau bila ada pihak lain di antara Anda dan host. Minta sidik jari yang dicetak host saat mulai kepada admin-nya; percayai sertifikat baru hanya bila sama.',
      keepRefusing: 'Tetap tolak',
      trustNew: 'Percayai sertifikat baru',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type SiteMessages = Shape<typeof siteId>;
