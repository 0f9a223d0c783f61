import { useAppStore } from '../../state/store';
import { Alert } from '../../ui/Alert';

/** The store's alert (a failed load, import or export), shown until the user dismisses it. */
export function StatusAlert() {
  const alert = useAppStore((s) => s.alert);
  const dismissAlert = useAppStore((s) => s.dismissAlert);
  return <Alert message={alert} onDismiss={dismissAlert} />;
}
