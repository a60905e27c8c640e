/* SPDX-License-Identifier: GPL-2.0 */
/* The proof at load that every installed hook is entered on this kernel. */
#ifndef _DMZG_HOOK_PROOF_H
#define _DMZG_HOOK_PROOF_H

int dmzg_hooks_prove(void);

#endif /* _DMZG_HOOK_PROOF_H */
