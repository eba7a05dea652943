/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frozen layout of uapi/linux/elfk.h.
 *
 * These numbers are the ABI.  They were computed from the header with
 * offsetof()/sizeof() on x86_64 (and checked on i386, where __aligned_u64
 * keeps the same layout) when the header was written, and are literals on
 * purpose: a change to the header that moves a field makes the test fail.
 * Extending a struct means appending fields and adding rows, never
 * editing a row.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_ABI_LAYOUT_H
#define _ELFK_ABI_LAYOUT_H

/* S(struct, sizeof, is an ioctl argument (starts with size, flags)) */
#define ELFK_ABI_STRUCTS(S)		\
	S(elfk_load, 56, 1)		\
	S(elfk_unload, 16, 1)		\
	S(elfk_info, 176, 1)		\
	S(elfk_sym, 48, 1)		\
	S(elfk_call_arg, 24, 0)		\
	S(elfk_call, 176, 1)

/* F(struct, field, offsetof, sizeof), every field in declaration order. */
#define ELFK_ABI_FIELDS(F)				\
	F(elfk_load, size, 0, 4)			\
	F(elfk_load, flags, 4, 4)			\
	F(elfk_load, image, 8, 8)			\
	F(elfk_load, image_len, 16, 8)			\
	F(elfk_load, name, 24, 8)			\
	F(elfk_load, log_buf, 32, 8)			\
	F(elfk_load, log_size, 40, 4)			\
	F(elfk_load, log_level, 44, 4)			\
	F(elfk_load, log_true_size, 48, 4)		\
	F(elfk_load, id, 52, 4)				\
	F(elfk_unload, size, 0, 4)			\
	F(elfk_unload, flags, 4, 4)			\
	F(elfk_unload, id, 8, 4)			\
	F(elfk_unload, __reserved, 12, 4)		\
	F(elfk_info, size, 0, 4)			\
	F(elfk_info, flags, 4, 4)			\
	F(elfk_info, id, 8, 4)				\
	F(elfk_info, state, 12, 4)			\
	F(elfk_info, name, 16, 64)			\
	F(elfk_info, soname, 80, 64)			\
	F(elfk_info, mem_size, 144, 8)			\
	F(elfk_info, alloc_bytes, 152, 8)		\
	F(elfk_info, refcount, 160, 4)			\
	F(elfk_info, elf_type, 164, 4)			\
	F(elfk_info, nr_symbols, 168, 4)		\
	F(elfk_info, __reserved, 172, 4)		\
	F(elfk_sym, size, 0, 4)				\
	F(elfk_sym, flags, 4, 4)			\
	F(elfk_sym, id, 8, 4)				\
	F(elfk_sym, __reserved, 12, 4)			\
	F(elfk_sym, name, 16, 8)			\
	F(elfk_sym, offset, 24, 8)			\
	F(elfk_sym, sym_size, 32, 8)			\
	F(elfk_sym, type, 40, 4)			\
	F(elfk_sym, bind, 44, 4)			\
	F(elfk_call_arg, kind, 0, 4)			\
	F(elfk_call_arg, __reserved, 4, 4)		\
	F(elfk_call_arg, value, 8, 8)			\
	F(elfk_call_arg, len, 16, 8)			\
	F(elfk_call, size, 0, 4)			\
	F(elfk_call, flags, 4, 4)			\
	F(elfk_call, id, 8, 4)				\
	F(elfk_call, nr_args, 12, 4)			\
	F(elfk_call, symbol, 16, 8)			\
	F(elfk_call, ret, 24, 8)			\
	F(elfk_call, args, 32, 144)

/* I(ioctl, value): _IO(0xEF, 0x80 + n), frozen. */
#define ELFK_ABI_IOCTLS(I)			\
	I(ELFK_IOC_LOAD, 0xef80)		\
	I(ELFK_IOC_UNLOAD, 0xef81)		\
	I(ELFK_IOC_INFO, 0xef82)		\
	I(ELFK_IOC_SYM, 0xef83)			\
	I(ELFK_IOC_CALL, 0xef84)

/* C(constant, value): other numbers userspace compiles in. */
#define ELFK_ABI_CONSTS(C)			\
	C(ELFK_NAME_LEN, 64)			\
	C(ELFK_CALL_MAX_ARGS, 6)		\
	C(ELFK_INFO_NEXT, 1)			\
	C(ELFK_LOG_LEVEL_ERROR, 1)		\
	C(ELFK_LOG_LEVEL_VERBOSE, 2)		\
	C(ELFK_ARG_INT, 0)			\
	C(ELFK_ARG_IN, 1)			\
	C(ELFK_ARG_OUT, 2)			\
	C(ELFK_ARG_INOUT, 3)			\
	C(ELFK_STATE_LOADING, 1)		\
	C(ELFK_STATE_LIVE, 2)			\
	C(ELFK_STATE_UNLOADING, 3)

#endif /* _ELFK_ABI_LAYOUT_H */
