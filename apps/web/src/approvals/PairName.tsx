/** The pair a proposal is for; null means the whole account (or a proposal made before several pairs were traded). */
export function PairName({ symbol }: { symbol: string | null }) {
  return symbol ? (
    <span className="pair-name" data-testid="approval-pair">
      {symbol}
    </span>
  ) : (
    <span className="muted" data-testid="approval-pair" title="account-wide, or proposed before several pairs were traded">
      account
    </span>
  );
}
