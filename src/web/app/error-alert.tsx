// An error shown where it happened, with its catalogue code.
import { Alert } from "antd";
import { useErrorText } from "./error-text";

export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const errorText = useErrorText();
  if (error === null || error === undefined) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(error)}
      closable={onClose ? { onClose } : false}
    />
  );
}
