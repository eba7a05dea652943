/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verified mode's runtime (Documentation/verified-mode.rst, rules K and T):
 * what elfk/sandbox.c shares with object.c, ioctl.c and the entry code in
 * arch/x86_64/sandbox_entry.S.
 */
#ifndef _ELFK_SANDBOX_H
#define _ELFK_SANDBOX_H

/* Trampoline slots (T2); a slot's number is also the kind the entry code passes. */
#define ELFK_SB_T_ABORT		0
#define ELFK_SB_T_FUEL		1
#define ELFK_SB_T_IND0		2	/* T_IND(R) = 2 + R */
#define ELFK_SB_T_EXIT		18
#define ELFK_SB_T_HELPER0	19	/* T_HELPER(n) = 19 + n */
#define ELFK_SB_NR_HELPERS	3
#define ELFK_SB_NR_STUBS	(ELFK_SB_T_HELPER0 + ELFK_SB_NR_HELPERS)
#define ELFK_SB_SLOT_SIZE	32
#define ELFK_SB_TRAMP_ENTRIES	128

/* struct elfk_sb_regs, as the entry code lays it out on the kernel stack. */
#define ELFK_SB_REG_RIP		120
#define ELFK_SB_REG_RSP		128
#define ELFK_SB_REGS_SIZE	144

#ifndef __ASSEMBLY__
#include <linux/percpu-defs.h>
#include <linux/types.h>

/* The entry code's per-CPU state (K6): valid while interrupts are off. */
DECLARE_PER_CPU(unsigned long, elfk_sb_krsp);
DECLARE_PER_CPU(unsigned long, elfk_sb_ursp);
DECLARE_PER_CPU(unsigned long, elfk_sb_target);

/**
 * struct elfk_sb_regs - the sandbox's registers while a trampoline runs
 * @r15: the sandbox's %r15 at the trampoline (restored on resume)
 * @r14: the sandbox's %r14 at the trampoline (restored on resume)
 * @r13: the sandbox's %r13 at the trampoline (restored on resume)
 * @r12: the sandbox's %r12 at the trampoline (restored on resume)
 * @r11: the sandbox's %r11 at the trampoline (restored on resume)
 * @r10: the sandbox's %r10 at the trampoline (restored on resume)
 * @r9: the sandbox's %r9 at the trampoline (restored on resume)
 * @r8: the sandbox's %r8 at the trampoline (restored on resume)
 * @rdi: the sandbox's %rdi at the trampoline (restored on resume)
 * @rsi: the sandbox's %rsi at the trampoline (restored on resume)
 * @rbp: the sandbox's %rbp at the trampoline (restored on resume)
 * @rbx: the sandbox's %rbx at the trampoline (restored on resume)
 * @rdx: the sandbox's %rdx at the trampoline (restored on resume)
 * @rcx: the sandbox's %rcx at the trampoline (restored on resume)
 * @rax: the sandbox's %rax at the trampoline (restored on resume)
 * @rip: where to resume (set by the trampoline's handler)
 * @rsp: the sandbox's %rsp at the trampoline
 * @kind: the trampoline slot that was entered
 *
 * The kernel-side frame pointer (struct elfk_sb_frame *) lies right above.
 */
struct elfk_sb_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rdi, rsi, rbp, rbx, rdx, rcx, rax;
	u64 rip, rsp, kind;
};

struct elfk_object;
struct elfk_load_env;
struct elfk_resolver;
struct elfk_call;
struct elfk_sandbox;

extern bool elfk_require_verified;

int elfk_sandbox_prepare(struct elfk_object *obj, struct elfk_load_env *env,
			 struct elfk_log *log);
void elfk_sandbox_free(struct elfk_object *obj);
int elfk_sandbox_init(struct elfk_object *obj, struct elfk_log *log);
void elfk_sandbox_fini(struct elfk_object *obj, bool call_exit);
bool elfk_sandbox_is_life(const struct elfk_object *obj, u64 off);
int elfk_sandbox_call(struct elfk_object *obj, const Elf64_Sym *sym,
		      const u64 *args, unsigned int nr_args, u64 *ret);
int elfk_sandbox_ioctl_call(struct elfk_object *obj, const char *name,
			    struct elfk_call *cmd);

/* arch/x86_64/sandbox_entry.S */
void elfk_sb_enter(void *frame);
extern const u8 elfk_sb_stubs[];
int elfk_sb_trap(struct elfk_sb_regs *regs);
#endif

#endif /* _ELFK_SANDBOX_H */
