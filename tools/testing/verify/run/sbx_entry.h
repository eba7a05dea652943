/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sbx_entry.S, for sbx.c only: the CALL entry and the trampoline
 * table's handlers (tramp-abi), which sbx.c puts in the trampoline page,
 * and the C half of the log helper they call.  The handlers are never
 * called from C: only their addresses are used.
 */
#ifndef _ELFK_SBX_ENTRY_H
#define _ELFK_SBX_ENTRY_H

#include <stdint.h>

long sbx_enter(const uint64_t regs[11]);
void sbx_exit_h(void);
void sbx_abort_h(void);
void sbx_fuel_h(void);
void sbx_helper0_h(void);
void sbx_helper2_h(void);
long sbx_log_h_c(uint64_t str, uint64_t len);
void sbx_ind_rax(void);
void sbx_ind_rcx(void);
void sbx_ind_rdx(void);
void sbx_ind_rbx(void);
void sbx_ind_rbp(void);
void sbx_ind_rsi(void);
void sbx_ind_rdi(void);
void sbx_ind_r8(void);
void sbx_ind_r9(void);
void sbx_ind_r10(void);
void sbx_ind_r11(void);
void sbx_ind_r12(void);

#endif /* _ELFK_SBX_ENTRY_H */
