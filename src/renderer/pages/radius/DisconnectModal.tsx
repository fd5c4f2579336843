// The confirmation before a Disconnect-Request, and the NAS's answer (ACK, NAK, timeout, not sent) as a notice.
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoaResult, RadiusSession } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { noc } from '../../api/client';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { refreshRadius } from './queries';

export interface DisconnectOutcome {
  ok: boolean;
  message: string;
}

interface Props {
  session: RadiusSession;
  onClose(): void;
  onResult(outcome: DisconnectOutcome): void;
}

export function DisconnectModal({ session, onClose, onResult }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const result = useRef<CoaResult | null>(null);
  const none = t('common.none');
  return (
    <ConfirmModal
      title={t('radius.sessions.disconnectTitle')}
      text={t('radius.sessions.disconnectConfirm', { nas: session.nasName ?? session.nasAddress, username: session.username, ip: session.framedIp ?? none })}
      confirmLabel={t('radius.sessions.disconnect')}
      action={async () => {
        result.current = await noc.call('radius.sessions.disconnect', { id: session.id });
      }}
      explain={(error) => (error instanceof AppError && error.code === 'CONFLICT' ? t('radius.sessions.ended') : null)}
      onClose={onClose}
      onDone={() => {
        const outcome = result.current?.outcome ?? 'error';
        onResult({ ok: outcome === 'ack', message: t(`radius.sessions.outcome.${outcome}`, { username: session.username }) });
        refreshRadius(queryClient);
      }}
      testId="session-disconnect"
    />
  );
}
