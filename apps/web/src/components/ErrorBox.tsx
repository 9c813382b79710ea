import { ApiError } from '../api/client';

/** An API error as the operator should read it: the server's message, its code, and which field when given. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <strong>{e ? `${e.code}${e.status ? ` (${e.status})` : ''}` : 'Error'}</strong> {message}
      {e?.details ? <pre className="details">{JSON.stringify(e.details, null, 2)}</pre> : null}
    </div>
  );
}
