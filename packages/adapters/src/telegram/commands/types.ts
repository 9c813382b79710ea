import type { ActorRef, ApprovalService, ControlService } from '@warden/core/app/services';
import type { Role } from '@warden/core/config/schema';
import type { Clock } from '@warden/core/ports/clock';
import type { Store } from '@warden/core/ports/store';
import type { InlineKeyboard } from 'grammy';

/** What the commands read and call: the same application services the HTTP API uses. */
export interface TelegramServices {
  readonly control: ControlService;
  readonly approvals: ApprovalService;
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
  /** Text after the command, e.g. the reason in "/stop spread is crazy". */
  readonly args: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly minRole: Role;
  readonly description: string;
  run(services: TelegramServices, input: CommandInput): Promise<readonly Reply[]> | readonly Reply[];
}
