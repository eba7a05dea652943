/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A second architecture (ops.c): its e_machine is one no real object
 * carries.  elfk_stub_arch_ops loads nothing; elfk_stub_ld_arch_ops is the
 * same with static relocations (reloc_rel.c), for ET_REL objects.
 */
#ifndef _ELFK_STUB_H
#define _ELFK_STUB_H

#define ELFK_STUB_MACHINE 0xfffe

/* Static relocation types (reloc_rel.c); 0 is R_STUB_NONE. */
#define R_STUB_64 1		/* S + A, 8 bytes */
#define R_STUB_PCREL_HI20 2	/* S + A - P, upper 20 bits (a HI half) */
#define R_STUB_PCREL_LO12 3	/* its low 12 bits (a LO half) */
#define R_STUB_ABS_HI20 4	/* S + A, upper 20 bits (a HI half) */
#define R_STUB_ABS_LO12 5	/* its low 12 bits (a LO half) */

extern const struct elfk_arch_ops elfk_stub_arch_ops;
extern const struct elfk_arch_ops elfk_stub_ld_arch_ops;
extern const struct elfk_rel_ops elfk_stub_rel_ops;

#endif /* _ELFK_STUB_H */
