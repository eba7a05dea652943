/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A second architecture that loads nothing (ops.c): its e_machine is one
 * no real object carries.
 */
#ifndef _ELFK_STUB_H
#define _ELFK_STUB_H

#define ELFK_STUB_MACHINE 0xfffe

extern const struct elfk_arch_ops elfk_stub_arch_ops;

#endif /* _ELFK_STUB_H */
