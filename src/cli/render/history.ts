// `berth history` rows: docker/cli's historyContext (cli/command/image/formatter_history.go).
import type { HistoryResponseItem } from '../../api/types';
import { humanSize, timeAgo, truncateID } from '../format/humanize';
import { ellipsis, rfc3339 } from './text';

export const HISTORY_DEFAULT_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
export const HISTORY_NONHUMAN_TABLE = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

export const HISTORY_HEADERS: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

export class HistoryContext {
  constructor(
    private readonly h: HistoryResponseItem,
    private readonly trunc: boolean,
    private readonly human: boolean,
    private readonly now: number = Date.now(),
  ) {}

  get ID(): string {
    return this.trunc && this.h.Id !== '<missing>' ? truncateID(this.h.Id) : this.h.Id;
  }
  get CreatedAt(): string {
    return rfc3339(this.h.Created * 1000);
  }
  get CreatedSince(): string {
    return this.human ? timeAgo(this.h.Created * 1000, this.now) : this.CreatedAt;
  }
  get CreatedBy(): string {
    const by = (this.h.CreatedBy ?? '').replace(/\t/g, ' ');
    return this.trunc ? ellipsis(by, 45) : by;
  }
  get Size(): string {
    return this.human ? humanSize(this.h.Size, 3) : String(this.h.Size);
  }
  get Comment(): string {
    return this.h.Comment ?? '';
  }
}
