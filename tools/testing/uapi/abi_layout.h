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
 * The rows are for the includer to expand.  It defines the row macros of
 * the kinds it wants, includes this file where the rows belong (at file
 * scope for static assertions, in a function body for statements) and
 * undefines them again; the rows of a kind whose macro is not defined are
 * skipped.  There is no include guard on purpose: a file may include the
 * table several times, each time with other row macros.  Every row ends
 * with a semicolon, so a row macro expands to one declaration or one
 * expression statement.
 *
 * Copyright (C) 2026 The elfk authors
 */

/*
 * ELFK_ABI_STRUCT(struct, sizeof, is an ioctl argument (starts with size,
 * flags))
 */
#ifdef ELFK_ABI_STRUCT
ELFK_ABI_STRUCT(elfk_load, 56, 1);
ELFK_ABI_STRUCT(elfk_unload, 32, 1);
ELFK_ABI_STRUCT(elfk_info, 184, 1);
ELFK_ABI_STRUCT(elfk_sym, 48, 1);
ELFK_ABI_STRUCT(elfk_call_arg, 24, 0);
ELFK_ABI_STRUCT(elfk_call, 176, 1);
#endif

/* ELFK_ABI_FIELD(struct, field, offsetof, sizeof): every field, in order */
#ifdef ELFK_ABI_FIELD
ELFK_ABI_FIELD(elfk_load, size, 0, 4);
ELFK_ABI_FIELD(elfk_load, flags, 4, 4);
ELFK_ABI_FIELD(elfk_load, image, 8, 8);
ELFK_ABI_FIELD(elfk_load, image_len, 16, 8);
ELFK_ABI_FIELD(elfk_load, name, 24, 8);
ELFK_ABI_FIELD(elfk_load, log_buf, 32, 8);
ELFK_ABI_FIELD(elfk_load, log_size, 40, 4);
ELFK_ABI_FIELD(elfk_load, log_level, 44, 4);
ELFK_ABI_FIELD(elfk_load, log_true_size, 48, 4);
ELFK_ABI_FIELD(elfk_load, id, 52, 4);
ELFK_ABI_FIELD(elfk_unload, size, 0, 4);
ELFK_ABI_FIELD(elfk_unload, flags, 4, 4);
ELFK_ABI_FIELD(elfk_unload, id, 8, 4);
ELFK_ABI_FIELD(elfk_unload, __reserved, 12, 4);
ELFK_ABI_FIELD(elfk_unload, log_buf, 16, 8);
ELFK_ABI_FIELD(elfk_unload, log_size, 24, 4);
ELFK_ABI_FIELD(elfk_unload, log_true_size, 28, 4);
ELFK_ABI_FIELD(elfk_info, size, 0, 4);
ELFK_ABI_FIELD(elfk_info, flags, 4, 4);
ELFK_ABI_FIELD(elfk_info, id, 8, 4);
ELFK_ABI_FIELD(elfk_info, state, 12, 4);
ELFK_ABI_FIELD(elfk_info, name, 16, 64);
ELFK_ABI_FIELD(elfk_info, soname, 80, 64);
ELFK_ABI_FIELD(elfk_info, mem_size, 144, 8);
ELFK_ABI_FIELD(elfk_info, alloc_bytes, 152, 8);
ELFK_ABI_FIELD(elfk_info, refcount, 160, 4);
ELFK_ABI_FIELD(elfk_info, elf_type, 164, 4);
ELFK_ABI_FIELD(elfk_info, nr_symbols, 168, 4);
ELFK_ABI_FIELD(elfk_info, __reserved, 172, 4);
ELFK_ABI_FIELD(elfk_info, obj_flags, 176, 4);
ELFK_ABI_FIELD(elfk_info, __reserved2, 180, 4);
ELFK_ABI_FIELD(elfk_sym, size, 0, 4);
ELFK_ABI_FIELD(elfk_sym, flags, 4, 4);
ELFK_ABI_FIELD(elfk_sym, id, 8, 4);
ELFK_ABI_FIELD(elfk_sym, __reserved, 12, 4);
ELFK_ABI_FIELD(elfk_sym, name, 16, 8);
ELFK_ABI_FIELD(elfk_sym, offset, 24, 8);
ELFK_ABI_FIELD(elfk_sym, sym_size, 32, 8);
ELFK_ABI_FIELD(elfk_sym, type, 40, 4);
ELFK_ABI_FIELD(elfk_sym, bind, 44, 4);
ELFK_ABI_FIELD(elfk_call_arg, kind, 0, 4);
ELFK_ABI_FIELD(elfk_call_arg, __reserved, 4, 4);
ELFK_ABI_FIELD(elfk_call_arg, value, 8, 8);
ELFK_ABI_FIELD(elfk_call_arg, len, 16, 8);
ELFK_ABI_FIELD(elfk_call, size, 0, 4);
ELFK_ABI_FIELD(elfk_call, flags, 4, 4);
ELFK_ABI_FIELD(elfk_call, id, 8, 4);
ELFK_ABI_FIELD(elfk_call, nr_args, 12, 4);
ELFK_ABI_FIELD(elfk_call, symbol, 16, 8);
ELFK_ABI_FIELD(elfk_call, ret, 24, 8);
ELFK_ABI_FIELD(elfk_call, args, 32, 144);
#endif

/* ELFK_ABI_IOCTL(ioctl, value): _IO(0xEF, 0x80 + n), frozen */
#ifdef ELFK_ABI_IOCTL
ELFK_ABI_IOCTL(ELFK_IOC_LOAD, 0xef80);
ELFK_ABI_IOCTL(ELFK_IOC_UNLOAD, 0xef81);
ELFK_ABI_IOCTL(ELFK_IOC_INFO, 0xef82);
ELFK_ABI_IOCTL(ELFK_IOC_SYM, 0xef83);
ELFK_ABI_IOCTL(ELFK_IOC_CALL, 0xef84);
#endif

/* ELFK_ABI_CONST(constant, value): other numbers userspace compiles in */
#ifdef ELFK_ABI_CONST
ELFK_ABI_CONST(ELFK_NAME_LEN, 64);
ELFK_ABI_CONST(ELFK_CALL_MAX_ARGS, 6);
ELFK_ABI_CONST(ELFK_INFO_NEXT, 1);
ELFK_ABI_CONST(ELFK_LOG_LEVEL_ERROR, 1);
ELFK_ABI_CONST(ELFK_LOG_LEVEL_VERBOSE, 2);
ELFK_ABI_CONST(ELFK_ARG_INT, 0);
ELFK_ABI_CONST(ELFK_ARG_IN, 1);
ELFK_ABI_CONST(ELFK_ARG_OUT, 2);
ELFK_ABI_CONST(ELFK_ARG_INOUT, 3);
ELFK_ABI_CONST(ELFK_STATE_LOADING, 1);
ELFK_ABI_CONST(ELFK_STATE_LIVE, 2);
ELFK_ABI_CONST(ELFK_STATE_UNLOADING, 3);
ELFK_ABI_CONST(ELFK_CALL_KTHREAD, 1);
ELFK_ABI_CONST(ELFK_CALL_WORKQUEUE, 2);
#endif
