// The "Billing" part of the settings form: invoice lead and payment term, reminders, grace, expiry warnings, job times,
// and the payment instructions printed on invoices.
import { Paper, SimpleGrid, Stack, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TimeInput } from '../../forms/TimeInput';
import { TypedNumberInput } from '../../forms/TypedNumberInput';
import type { SettingsDraft } from './draft';

type DayField = 'invoiceLeadDays' | 'paymentTermDays' | 'reminderDays' | 'graceDays' | 'expiryWarningDays';
type TimeField = 'jobTimeRenew' | 'jobTimeExpiryWarnings' | 'jobTimeDueReminders' | 'jobTimeOverdue';

const DAY_FIELDS: readonly DayField[] = ['invoiceLeadDays', 'paymentTermDays', 'reminderDays', 'graceDays', 'expiryWarningDays'];
const TIME_FIELDS: readonly TimeField[] = ['jobTimeRenew', 'jobTimeExpiryWarnings', 'jobTimeDueReminders', 'jobTimeOverdue'];

interface Props {
  values: SettingsDraft;
  onChange(change: Partial<SettingsDraft>): void;
  fieldErrors: Record<string, string>;
  canEdit: boolean;
}

export function BillingSettingsSection({ values, onChange, fieldErrors, canEdit }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="settings-billing">
      <Title order={6} mb="sm">
        {t('settingsBilling.title')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {DAY_FIELDS.map((field) => (
            <TypedNumberInput
              key={field}
              label={t(`settingsBilling.${field}`)}
              value={values[field]}
              // Kept as typed (an emptied field stays empty): the schema judges it on save.
              onChange={(value) => onChange({ [field]: value })}
              error={fieldErrors[field]}
              disabled={!canEdit}
              data-testid={`settings-${field}`}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {TIME_FIELDS.map((field) => (
            <TimeInput
              key={field}
              label={t(`settingsBilling.${field}`)}
              value={values[field]}
              onChange={(value) => onChange({ [field]: value })}
              error={fieldErrors[field]}
              disabled={!canEdit}
              data-testid={`settings-${field}`}
            />
          ))}
        </SimpleGrid>
        <Textarea
          label={t('settingsBilling.paymentInstructions')}
          description={t('settingsBilling.paymentInstructionsHint')}
          value={values.paymentInstructions}
          onChange={(e) => onChange({ paymentInstructions: e.currentTarget.value })}
          error={fieldErrors['paymentInstructions']}
          disabled={!canEdit}
          autosize
          minRows={2}
          data-testid="settings-payment-instructions"
        />
      </Stack>
    </Paper>
  );
}
