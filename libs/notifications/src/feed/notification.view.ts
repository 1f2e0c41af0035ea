/** A notification as GET /notifications, the live stream and its replay show it. */
export interface NotificationView {
  id: number;
  kind: string;
  data: Record<string, unknown>;
  /** Epoch seconds. */
  created_at: number;
  /** Epoch seconds, or null while unread. */
  read_at: number | null;
  read: boolean;
}

/** A row of "notifications" as raw SQL returns it (bigint ids may come back as strings). */
export interface NotificationRow {
  id: string | number | bigint;
  kind: string;
  data: Record<string, unknown> | string;
  created_at: number | string;
  read_at: number | string | null;
}

export function presentNotification(row: NotificationRow): NotificationView {
  const readAt = row.read_at === null || row.read_at === undefined ? null : Number(row.read_at);
  return {
    id: Number(row.id),
    kind: row.kind,
    data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data,
    created_at: Number(row.created_at),
    read_at: readAt,
    read: readAt !== null,
  };
}
