/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libelfk: the userspace library of elfk (Documentation/libelfk.rst).
 *
 * - ioctl wrappers for every /dev/elfload command, on the uapi structures
 *   of <linux/elfk.h>, and a few conveniences built on them;
 * - elfk_check_image(): the kernel's own ELF validator (the portable core
 *   elfk.ko is built from), run in userspace, with the kernel's messages;
 * - errno names.
 *
 * Every function returns 0 (or a non-negative value where documented) on
 * success and a negative errno on failure; errno is set too.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_LIBELFK_H
#define _ELFK_LIBELFK_H

#include <stddef.h>

#include <linux/elfk.h>
#include <linux/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** ELFK_DEVICE: the device elfk.ko creates. */
#define ELFK_DEVICE "/dev/elfload"

/* ---- the device ------------------------------------------------------ */

/**
 * elfk_dev_open() - open the elfk device
 * @path: the device, or NULL for ELFK_DEVICE
 *
 * The descriptor is opened read-write and close-on-exec.
 *
 * Return: the file descriptor, or a negative errno.
 */
int elfk_dev_open(const char *path);

/*
 * The ioctl wrappers take the uapi structure as the caller filled it.
 * Each structure is extensible: its first field is its size.  A caller
 * that leaves @size 0 gets sizeof() of the structure it was compiled
 * against; one that sets it (e.g. to an older, shorter size) keeps its
 * value.  EINTR is retried.
 */

/**
 * elfk_ioc_load() - ELFK_IOC_LOAD: load an ELF image
 * @fd: the device
 * @load: the request; on return @load->id and @load->log_true_size
 *
 * Return: 0, or the kernel's negative errno (the log, if asked for, says
 * why).
 */
int elfk_ioc_load(int fd, struct elfk_load *load);

/**
 * elfk_ioc_unload() - ELFK_IOC_UNLOAD: unload an object
 * @fd: the device
 * @unload: the request
 *
 * Return: 0, or a negative errno (-EBUSY while the object is in use).
 */
int elfk_ioc_unload(int fd, struct elfk_unload *unload);

/**
 * elfk_ioc_info() - ELFK_IOC_INFO: describe a loaded object
 * @fd: the device
 * @info: the request, its output fields filled on return
 *
 * Return: 0, or a negative errno (-ENOENT: no such, or no further, object).
 */
int elfk_ioc_info(int fd, struct elfk_info *info);

/**
 * elfk_ioc_sym() - ELFK_IOC_SYM: look up a symbol a loaded object exports
 * @fd: the device
 * @sym: the request, its output fields filled on return
 *
 * Return: 0, or a negative errno.
 */
int elfk_ioc_sym(int fd, struct elfk_sym *sym);

/**
 * elfk_ioc_call() - ELFK_IOC_CALL: call a function a loaded object exports
 * @fd: the device
 * @call: the request; @call->ret holds the function's return value
 *
 * Return: 0, or a negative errno.
 */
int elfk_ioc_call(int fd, struct elfk_call *call);

/* ---- conveniences ----------------------------------------------------- */

/**
 * elfk_load_image() - load an image and retrieve the kernel's log
 * @fd: the device
 * @image: the ELF image (with or without an appended signature)
 * @len: its length
 * @name: the object's name, or NULL for its DT_SONAME or "obj<id>"
 * @log_level: ELFK_LOG_LEVEL_ERROR or ELFK_LOG_LEVEL_VERBOSE
 * @id: out: the loaded object's id
 * @log: out: the kernel's log, malloc()ed and NUL-terminated (free() it),
 *       in success and failure alike; NULL only when it could not be
 *       allocated.  May be NULL when the caller wants no log.
 *
 * The log buffer starts at 64 KiB; when the kernel reports -ENOSPC because
 * only the log did not fit, the load is retried once with a buffer of the
 * size the kernel says it needs (log_true_size).
 *
 * Return: 0, or the kernel's negative errno.
 */
int elfk_load_image(int fd, const void *image, size_t len, const char *name,
		    __u32 log_level, __u32 *id, char **log);

/**
 * elfk_load_image_flags() - elfk_load_image() with struct elfk_load's flags
 * @fd: the device
 * @image: the ELF image
 * @len: its length
 * @name: the object's name, or NULL
 * @flags: 0 or ELFK_LOAD_VERIFIED
 * @log_level: ELFK_LOG_LEVEL_ERROR or ELFK_LOG_LEVEL_VERBOSE
 * @id: out: the loaded object's id
 * @log: out: the kernel's log, as for elfk_load_image()
 *
 * Return: 0, or the kernel's negative errno.
 */
int elfk_load_image_flags(int fd, const void *image, size_t len,
			  const char *name, __u32 flags, __u32 log_level,
			  __u32 *id, char **log);

/**
 * elfk_find() - the id of the loaded object called @name
 * @fd: the device
 * @name: an object name (as elfk-ctl list shows it)
 * @id: out: its id
 *
 * Return: 0, -ENOENT when no loaded object has that name, or another
 * negative errno of ELFK_IOC_INFO.
 */
int elfk_find(int fd, const char *name, __u32 *id);

/**
 * elfk_call_ints() - call an exported function with integer arguments
 * @fd: the device
 * @id: the object's id
 * @symbol: the function's name
 * @args: @nr_args integers, passed in order
 * @nr_args: at most ELFK_CALL_MAX_ARGS
 * @ret: out: the function's return value
 *
 * Return: 0, or a negative errno (-EINVAL for too many arguments).
 */
int elfk_call_ints(int fd, __u32 id, const char *symbol, const __u64 *args,
		   unsigned int nr_args, __u64 *ret);

/* ---- the validator ------------------------------------------------------ */

/** ELFK_CHECK_IBT: check indirect-branch targets, as a kernel enforcing IBT. */
#define ELFK_CHECK_IBT 0x1U
/**
 * ELFK_CHECK_FD: the image is a mapping of the file @fd from its first byte:
 * place the segments' whole file pages by mapping them from @fd (private,
 * copy-on-write), as ld.so does, instead of copying them
 */
#define ELFK_CHECK_FD 0x2U

/**
 * struct elfk_check_opts - what elfk_check_image() assumes of the kernel
 * @size: sizeof(struct elfk_check_opts), or 0 for the same; a caller built
 *        before @fd existed passes the size without it (and cannot set
 *        ELFK_CHECK_FD)
 * @flags: 0, or ELFK_CHECK_IBT and ELFK_CHECK_FD
 * @log_buf: where the log is written (NUL-terminated), or NULL
 * @log_size: its size in bytes
 * @log_level: 0, ELFK_LOG_LEVEL_ERROR or ELFK_LOG_LEVEL_VERBOSE
 * @log_true_size: out: bytes the whole log needs, including the NUL
 * @nr_symbols: number of entries of @symbols
 * @symbols: the names the kernel's symbol table exports to plugins, or
 *           NULL for the SDK's list (exported-symbols.txt) libelfk was
 *           built with
 * @fd: with ELFK_CHECK_FD, the file the image maps (read only when the
 *      flag is set)
 */
struct elfk_check_opts {
	__u32 size;
	__u32 flags;
	char *log_buf;
	__u32 log_size;
	__u32 log_level;
	__u32 log_true_size;
	__u32 nr_symbols;
	const char *const *symbols;
	__s32 fd;
};

/**
 * elfk_check_image() - run the kernel's validator on an image in userspace
 * @image: the ELF image, as it would be given to ELFK_IOC_LOAD
 * @len: its length
 * @opts: assumptions and the log buffer, or NULL for the defaults and no log
 *
 * Runs what ELFK_IOC_LOAD runs before any code of the object executes,
 * with the same code (the portable core of elfk.ko) and the module's
 * default limits: the image size cap, parsing and validation of every
 * header and table, layout and placement, symbol binding against
 * @opts->symbols, every relocation, the init/fini entries, the
 * indirect-branch targets (with ELFK_CHECK_IBT) and the page permissions.
 * An appended signature is skipped, not verified.
 *
 * What only the running kernel knows is not checked: which objects are
 * loaded (an undefined symbol that is not in @opts->symbols is assumed to
 * come from a DT_NEEDED object, or an ET_REL object's .elfk.needed one,
 * when the image names one), whether the
 * name is taken, the signature policy, the IFUNC resolvers' results and
 * the object's elfk_init().  The verbose log says what was assumed.
 *
 * Return: 0 when the kernel's validator accepts the image, the negative
 * errno ELFK_IOC_LOAD would return when it refuses it (the log holds the
 * kernel's message), -ENOSPC when the log was truncated (as for
 * ELFK_IOC_LOAD; @opts->log_true_size is the size it needs), or -ENOMEM.
 */
int elfk_check_image(const void *image, size_t len,
		     struct elfk_check_opts *opts);

/** ELFK_IMAGE_MAX_NEEDED: the most DT_NEEDED entries elfk accepts. */
#define ELFK_IMAGE_MAX_NEEDED 16

/**
 * struct elfk_image_names - the names an image gives itself and needs
 * @soname: DT_SONAME, or NULL
 * @nr_needed: number of entries of @needed
 * @needed: the DT_NEEDED names (an ET_REL object's .elfk.needed names),
 *          in order
 *
 * The strings are malloc()ed; elfk_image_names_free() frees them.
 */
struct elfk_image_names {
	char *soname;
	unsigned int nr_needed;
	char *needed[ELFK_IMAGE_MAX_NEEDED];
};

/**
 * elfk_image_names() - read DT_SONAME and DT_NEEDED with the kernel's parser
 * @image: the ELF image
 * @len: its length
 * @names: out: the names
 *
 * The image is parsed and placed as the kernel would (not relocated).
 * An ET_REL object has no DT_SONAME; its needed objects are the names in
 * its .elfk.needed section (the SDK's ELFK_NEEDS()).
 *
 * Return: 0, -ENOMEM, or the errno the kernel's parser refuses the image
 * with (@names is then empty).
 */
int elfk_image_names(const void *image, size_t len,
		     struct elfk_image_names *names);

/**
 * elfk_image_names_free() - free what elfk_image_names() returned
 * @names: the names; left empty
 */
void elfk_image_names_free(struct elfk_image_names *names);

/* ---- errors ------------------------------------------------------------- */

/**
 * elfk_errno_name() - the symbolic name of an errno
 * @err: a positive errno value, as the kernel returns them
 *
 * Knows the C library's names (strerrorname_np() where glibc has it) and
 * the kernel-internal ones that can reach userspace (ERESTARTSYS,
 * ENOTSUPP).
 *
 * Return: "ENOEXEC" and the like, or NULL if the number is not known.
 */
const char *elfk_errno_name(int err);

/**
 * elfk_version() - the version of libelfk
 *
 * Return: the version string, e.g. "0.1".
 */
const char *elfk_version(void);

#ifdef __cplusplus
}
#endif

#endif /* _ELFK_LIBELFK_H */
