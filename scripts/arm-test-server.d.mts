export interface ArmResource {
  id: string;
  [key: string]: unknown;
}

export interface World {
  clusters: ArmResource[];
  roleAssignments: ArmResource[];
  roleDefinitions: ArmResource[];
  identities: ArmResource[];
  federatedCredentials: ArmResource[];
}

export interface Served {
  method: string;
  path: string;
  authorization: string | undefined;
  status: number;
}

export interface ArmServer {
  url: string;
  caFile: string;
  served: Served[];
  /** The forms posted to the token endpoint (client_id, client_assertion, scope, ...). */
  tokenRequests: Record<string, string>[];
  stop: () => Promise<void>;
}

export function startArmServer(options: {
  world: World;
  pageSize?: number;
  forbidRoleAssignments?: string[];
  throttleOnce?: string[];
  refuseGraph?: { status: number; code: string };
}): Promise<ArmServer>;
