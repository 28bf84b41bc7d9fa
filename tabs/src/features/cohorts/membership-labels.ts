import type { JoinPolicy, MemberRole } from '@peerloop/core';

export const JOIN_POLICY_LABELS: Record<JoinPolicy, string> = {
  open: 'Open: anyone may join',
  invitation: 'By invitation',
  owner: 'Formed by its owners',
};

export const ROLE_LABELS: Record<MemberRole, string> = {
  owner: 'Owner',
  facilitator: 'Facilitator',
  member: 'Member',
  observer: 'Observer',
};
