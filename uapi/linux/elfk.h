/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * elfk: load ELF objects into the kernel through /dev/elfload.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _UAPI_LINUX_ELFK_H
#define _UAPI_LINUX_ELFK_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: General ioctl format
 *
 * Every ioctl of /dev/elfload takes a pointer to a structure whose first two
 * fields are ``__u32 size`` and ``__u32 flags``.  ``size`` is the size of the
 * structure as the caller knows it: the kernel accepts smaller (older) and
 * larger (newer) structures, provided that the bytes it does not know are
 * zero.  Pointers are passed as ``__aligned_u64``.  Every field named
 * ``__reserved`` must be zero, as must every flag bit not defined here.
 *
 * The caller needs CAP_SYS_ADMIN and CAP_SYS_MODULE.  Errors returned by
 * every ioctl:
 *
 * - ``EPERM``      the caller lacks CAP_SYS_ADMIN or CAP_SYS_MODULE.
 * - ``EFAULT``     a pointer could not be read or written.
 * - ``EINVAL``     unknown flag, nonzero reserved field, bad size.
 * - ``E2BIG``      the structure is larger than the kernel knows and its
 *                  tail is not zero.
 * - ``ENOTTY``     unknown ioctl.
 * - ``ENOENT``     no object has this id, or no symbol has this name.
 *
 * ELFK_LOAD also returns:
 *
 * - ``ENOEXEC``    the image is malformed (the log says which check failed).
 * - ``EOPNOTSUPP`` the image is valid ELF but uses a feature elfk refuses.
 * - ``ENOENT``     an undefined symbol is not in the exported table.
 * - ``ERANGE``     a relocation value does not fit its field.
 * - ``EFBIG``      the image is larger than the ``max_image_size`` cap.
 * - ``E2BIG``      the image exceeds another cap (symbols, relocations,
 *                  program headers, memory span) or ``max_objects``
 *                  objects are loaded.
 * - ``EEXIST``     the name asked for is already in use.
 * - ``EINVAL``     the name asked for has the form obj<N>, reserved for
 *                  objects loaded without a name.
 * - ``EFAULT``     also when the log or this structure cannot be written
 *                  back: the load then fails and nothing stays loaded.
 * - ``ENOSPC``     the log buffer was too small; ``log_true_size`` holds the
 *                  size that would have sufficed and nothing stays loaded.
 *                  ``log_true_size`` is set on every return of ELFK_IOC_LOAD,
 *                  so a caller tells this case apart by comparing it with
 *                  ``log_size``.
 * - ``ENOMEM``     memory ran out.
 * - ``EPERM``      elfk is locked (its ``locked`` parameter), or the kernel
 *                  is locked down and the image has no trusted signature.
 * - ``EKEYREJECTED`` a signature is required (``module.sig_enforce``,
 *                  ``require_signature``) and missing or by an untrusted
 *                  key, or the signature does not match the image.
 * - ``EBADMSG``    the appended signature is malformed.
 * - an LSM's errno (``security_kernel_load_data()`` and
 *   ``security_kernel_post_load_data()``, e.g. ``EACCES``).
 * - any errno returned by the object's ``elfk_init`` function.
 *
 * ELFK_UNLOAD also returns ``EBUSY`` while the object is in use (a call is
 * in flight or another kernel module holds a reference).
 *
 * ELFK_SYM and ELFK_CALL also return ``EACCES`` for a life-cycle entry
 * point (elfk_init, elfk_exit, DT_INIT, DT_FINI, an init or fini array
 * function): only load and unload run them.
 */

/*
 * Like iommufd's, the ioctl numbers encode neither size nor direction: each
 * structure carries its own size in its first field.
 */
#define ELFK_IOC_TYPE 0xEF

enum {
	ELFK_CMD_BASE = 0x80,
	ELFK_CMD_LOAD = ELFK_CMD_BASE,
	ELFK_CMD_UNLOAD,
	ELFK_CMD_INFO,
	ELFK_CMD_SYM,
	ELFK_CMD_CALL,
};

/** ELFK_LOG_LEVEL_ERROR: the log receives the reason a load fails. */
#define ELFK_LOG_LEVEL_ERROR 1
/** ELFK_LOG_LEVEL_VERBOSE: the log also receives every load phase. */
#define ELFK_LOG_LEVEL_VERBOSE 2

/** ELFK_NAME_LEN: size of name fields, including the terminating NUL. */
#define ELFK_NAME_LEN 64

/**
 * struct elfk_load - ELFK_IOC_LOAD: load an ELF image
 * @size: sizeof(struct elfk_load)
 * @flags: 0 or ELFK_LOAD_VERIFIED; any other bit is EINVAL
 * @image: user pointer to the ELF image; it is copied once and never re-read
 * @image_len: length of the image in bytes
 * @name: user pointer to a NUL-terminated name (at most ELFK_NAME_LEN - 1
 *        bytes), or 0 to use the object's DT_SONAME, or "obj<id>"
 * @log_buf: user pointer to a buffer receiving a NUL-terminated log, or 0
 * @log_size: size of @log_buf in bytes; zero if and only if @log_buf is 0
 * @log_level: 0 for no log, or ELFK_LOG_LEVEL_ERROR or ELFK_LOG_LEVEL_VERBOSE;
 *             nonzero if and only if @log_buf is set
 * @log_true_size: out: bytes the whole log needs, including the NUL
 * @id: out: the id of the loaded object, never 0
 *
 * On success the object has been validated, mapped, relocated, protected
 * and initialised, and is listed under @id until ELFK_IOC_UNLOAD.
 */
struct elfk_load {
	__u32 size;
	__u32 flags;
	__aligned_u64 image;
	__aligned_u64 image_len;
	__aligned_u64 name;
	__aligned_u64 log_buf;
	__u32 log_size;
	__u32 log_level;
	__u32 log_true_size;
	__u32 id;
};

/**
 * ELFK_LOAD_VERIFIED: load the image in verified mode
 * (Documentation/verified-mode.rst): its code runs confined to its own
 * window and must pass the verifier, which refuses it with EACCES and a
 * log line citing the rule otherwise.
 */
#define ELFK_LOAD_VERIFIED 0x1U

/**
 * struct elfk_unload - ELFK_IOC_UNLOAD: unload an object
 * @size: sizeof(struct elfk_unload); 16 (without the log) is accepted
 * @flags: must be zero
 * @id: id returned by ELFK_IOC_LOAD
 * @__reserved: must be zero
 * @log_buf: user pointer to a buffer for the reason of a failure, or 0
 * @log_size: its size; zero if and only if @log_buf is 0
 * @log_true_size: out: bytes the whole message needs, including the NUL
 *
 * Runs the object's exit function and fini arrays, frees what it still
 * holds and releases its memory.  Fails with EBUSY while it is in use: a
 * call is in flight, a kernel module holds it, or another loaded object
 * depends on it (the log names that object).
 */
struct elfk_unload {
	__u32 size;
	__u32 flags;
	__u32 id;
	__u32 __reserved;
	__aligned_u64 log_buf;
	__u32 log_size;
	__u32 log_true_size;
};

/** ELFK_INFO_NEXT: report the loaded object with the smallest id >= @id. */
#define ELFK_INFO_NEXT 0x1U

/** enum elfk_state - life-cycle state reported by ELFK_IOC_INFO */
enum elfk_state {
	ELFK_STATE_LOADING = 1,
	ELFK_STATE_LIVE = 2,
	ELFK_STATE_UNLOADING = 3,
};

/**
 * struct elfk_info - ELFK_IOC_INFO: describe a loaded object
 * @size: sizeof(struct elfk_info)
 * @flags: 0 or ELFK_INFO_NEXT
 * @id: in: the object's id (or the first id to consider with
 *      ELFK_INFO_NEXT); out: the id of the object described
 * @state: out: an &enum elfk_state value
 * @name: out: the object's name, NUL-terminated
 * @soname: out: its DT_SONAME, or the empty string
 * @mem_size: out: bytes of kernel memory its segments occupy
 * @alloc_bytes: out: bytes it currently holds from the elfk allocator
 * @refcount: out: references held (1 when idle: the registry's own)
 * @elf_type: out: ET_DYN or ET_REL
 * @nr_symbols: out: number of entries in its dynamic symbol table
 * @__reserved: must be zero
 * @obj_flags: out: ELFK_OBJ_* bits (appended; callers passing the older,
 *             shorter structure do not receive it)
 * @__reserved2: out: zero
 *
 * Fails with ENOENT when no (further) object exists, which ends a listing.
 */
struct elfk_info {
	__u32 size;
	__u32 flags;
	__u32 id;
	__u32 state;
	char name[ELFK_NAME_LEN];
	char soname[ELFK_NAME_LEN];
	__aligned_u64 mem_size;
	__aligned_u64 alloc_bytes;
	__u32 refcount;
	__u32 elf_type;
	__u32 nr_symbols;
	__u32 __reserved;
	__u32 obj_flags;
	__u32 __reserved2;
};

/** ELFK_OBJ_VERIFIED: the object was loaded with ELFK_LOAD_VERIFIED. */
#define ELFK_OBJ_VERIFIED 0x1U

/**
 * struct elfk_sym - ELFK_IOC_SYM: look up a symbol a loaded object defines
 * @size: sizeof(struct elfk_sym)
 * @flags: must be zero
 * @id: the object's id
 * @__reserved: must be zero
 * @name: user pointer to the NUL-terminated symbol name
 * @offset: out: the symbol's offset from the start of the object's memory;
 *          for an STT_TLS symbol, its offset in a task's TLS block
 * @sym_size: out: st_size
 * @type: out: ELF symbol type (STT_FUNC, STT_OBJECT, ...)
 * @bind: out: ELF symbol binding (STB_GLOBAL, STB_WEAK)
 *
 * Only symbols the object exports (global or weak, defined, default or
 * protected visibility) are found.  Kernel addresses are never reported.
 */
struct elfk_sym {
	__u32 size;
	__u32 flags;
	__u32 id;
	__u32 __reserved;
	__aligned_u64 name;
	__aligned_u64 offset;
	__aligned_u64 sym_size;
	__u32 type;
	__u32 bind;
};

/** ELFK_ARG_INT: the argument is @value itself. */
#define ELFK_ARG_INT 0
/** ELFK_ARG_IN: @value points to @len bytes copied into kernel memory. */
#define ELFK_ARG_IN 1
/** ELFK_ARG_OUT: @len zeroed kernel bytes, copied back to @value after the call. */
#define ELFK_ARG_OUT 2
/** ELFK_ARG_INOUT: like ELFK_ARG_IN, and copied back after the call. */
#define ELFK_ARG_INOUT 3

/** ELFK_CALL_KTHREAD: make the call from a new kernel thread. */
#define ELFK_CALL_KTHREAD 0x1U
/** ELFK_CALL_WORKQUEUE: make the call from a work item on a workqueue. */
#define ELFK_CALL_WORKQUEUE 0x2U

/** ELFK_CALL_MAX_ARGS: arguments ELFK_IOC_CALL passes, all in registers. */
#define ELFK_CALL_MAX_ARGS 6

/**
 * struct elfk_call_arg - one argument of ELFK_IOC_CALL
 * @kind: ELFK_ARG_INT, ELFK_ARG_IN, ELFK_ARG_OUT or ELFK_ARG_INOUT
 * @__reserved: must be zero
 * @value: the integer (ELFK_ARG_INT) or a user pointer (the others)
 * @len: buffer length in bytes (zero for ELFK_ARG_INT); the called function
 *       receives a kernel pointer to a buffer of this length
 */
struct elfk_call_arg {
	__u32 kind;
	__u32 __reserved;
	__aligned_u64 value;
	__aligned_u64 len;
};

/**
 * struct elfk_call - ELFK_IOC_CALL: call a function a loaded object exports
 * @size: sizeof(struct elfk_call)
 * @flags: 0 to call from the calling task, or one of ELFK_CALL_KTHREAD and
 *         ELFK_CALL_WORKQUEUE to call from kernel-thread context (each
 *         context gets its own thread-local storage)
 * @id: the object's id
 * @nr_args: number of entries of @args used, at most ELFK_CALL_MAX_ARGS
 * @symbol: user pointer to the NUL-terminated name of an STT_FUNC symbol
 * @ret: out: the function's 64-bit return value
 * @args: the arguments, passed in order as 64-bit integers
 *
 * The object is held for the duration of the call, so it cannot be
 * unloaded under it.  Buffers are capped by the ``max_call_buffer``
 * module parameter (E2BIG beyond it).
 */
struct elfk_call {
	__u32 size;
	__u32 flags;
	__u32 id;
	__u32 nr_args;
	__aligned_u64 symbol;
	__aligned_u64 ret;
	struct elfk_call_arg args[ELFK_CALL_MAX_ARGS];
};

#define ELFK_IOC_LOAD _IO(ELFK_IOC_TYPE, ELFK_CMD_LOAD)
#define ELFK_IOC_UNLOAD _IO(ELFK_IOC_TYPE, ELFK_CMD_UNLOAD)
#define ELFK_IOC_INFO _IO(ELFK_IOC_TYPE, ELFK_CMD_INFO)
#define ELFK_IOC_SYM _IO(ELFK_IOC_TYPE, ELFK_CMD_SYM)
#define ELFK_IOC_CALL _IO(ELFK_IOC_TYPE, ELFK_CMD_CALL)

#endif /* _UAPI_LINUX_ELFK_H */
