import type { PortfolioReader } from '@warden/core/app/portfolioView';
import type { ActorRef, AdvisorService, ApprovalService, ControlService } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';
import type { Clock } from '@warden/core/ports/clock';
import type { Store } from '@warden/core/ports/store';
import type { InlineKeyboard } from 'grammy';

/** What the commands read and call: the same application services the HTTP API uses. */
export interface TelegramServices {
  readonly control: ControlService;
  readonly approvals: ApprovalService;
  /** /advise; absent: the command says no advisor is wired here. */
  readonly advisor?: AdvisorService;
  /** Every pair's holding and the account's equity (/status, /balance, /positions, /profit). */
  readonly portfolio: PortfolioReader;
  /** Reads for the report commands; `audit` records refused commands and buttons. */
  readonly store: Pick<Store, 'equity' | 'positions' | 'fills' | 'metrics' | 'audit'>;
  readonly clock: Clock;
}

export interface Reply {
  readonly text: string;
  readonly keyboard?: InlineKeyboard;
}

export interface CommandInput {
  readonly actor: ActorRef;
  /** Text after the command, e.g. the reason in "/stop spread is crazy" or "ETH/USDT news" in "/pause ETH/USDT news". */
  readonly args: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly minRole: Role;
  readonly description: string;
  run(services: TelegramServices, input: CommandInput): Promise<readonly Reply[]> | readonly Reply[];
}
