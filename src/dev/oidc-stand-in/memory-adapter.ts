// Our own in-memory adapter instead of oidc-provider's bundled one: that one keeps a single
// module-level store shared by every Provider in the process (several test servers would see each
// other's sessions) and prints a production warning on every start.

type Payload = Record<string, unknown> & { uid?: string; grantId?: string; userCode?: string; consumed?: number };

interface Entry {
  payload: Payload;
  expiresAt: number;
}

const GRANT_BOUND_MODELS = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export function createMemoryAdapterClass(): new (model: string) => object {
  const store = new Map<string, Entry>();
  const index = new Map<string, { value: string; expiresAt: number }>();
  const grants = new Map<string, Set<string>>();

  function live<T extends { expiresAt: number }>(map: Map<string, T>, key: string): T | undefined {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  // Entries are otherwise only dropped when read after expiry; a long-running dev server would grow.
  function sweep(): void {
    const now = Date.now();
    for (const map of [store, index] as Map<string, { expiresAt: number }>[]) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
    }
    for (const [grantId, keys] of grants) {
      for (const key of keys) if (!store.has(key)) keys.delete(key);
      if (keys.size === 0) grants.delete(grantId);
    }
  }

  return class MemoryAdapter {
    constructor(readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn: number): Promise<void> {
      if (store.size > 5000) sweep();
      const expiresAt = Date.now() + expiresIn * 1000;
      const key = this.key(id);
      if (this.model === 'Session' && payload.uid) index.set(`sessionUid:${payload.uid}`, { value: id, expiresAt });
      if (payload.userCode) index.set(`userCode:${payload.userCode}`, { value: id, expiresAt });
      if (GRANT_BOUND_MODELS.has(this.model) && payload.grantId) {
        const keys = grants.get(payload.grantId) ?? new Set<string>();
        keys.add(key);
        grants.set(payload.grantId, keys);
      }
      store.set(key, { payload, expiresAt });
    }

    async find(id: string): Promise<Payload | undefined> {
      return live(store, this.key(id))?.payload;
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const id = live(index, `sessionUid:${uid}`)?.value;
      return id ? this.find(id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const id = live(index, `userCode:${userCode}`)?.value;
      return id ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = live(store, this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grants.get(grantId) ?? []) store.delete(key);
      grants.delete(grantId);
    }
  };
}
