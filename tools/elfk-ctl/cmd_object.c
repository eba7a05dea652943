// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl unload, list, info, sym: ELFK_IOC_UNLOAD, ELFK_IOC_INFO and
 * ELFK_IOC_SYM.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfk-ctl.h"
#include "json.h"
#include "obj.h"

static const struct elfk_opt elfk_no_opts[] = { { NULL } };

/* Name of a small enum value, or its number in @scratch. */
static const char *elfk_enum_name(const char *const *names, size_t nr,
				  unsigned int v, char *scratch, size_t len)
{
	if (v < nr && names[v])
		return names[v];
	snprintf(scratch, len, "%u", v);
	return scratch;
}

#define ELFK_ENUM_NAME(names, v, scratch)                                     \
	elfk_enum_name(names, sizeof(names) / sizeof((names)[0]), v, scratch, \
		       sizeof(scratch))

static const char *const elfk_state_names[] = {
	[ELFK_STATE_LOADING] = "loading",
	[ELFK_STATE_LIVE] = "live",
	[ELFK_STATE_UNLOADING] = "unloading",
};

static const char *const elfk_elf_type_names[] = {
	[ET_REL] = "REL",
	[ET_EXEC] = "EXEC",
	[ET_DYN] = "DYN",
};

static const char *const elfk_sym_type_names[] = {
	[STT_NOTYPE] = "NOTYPE", [STT_OBJECT] = "OBJECT",
	[STT_FUNC] = "FUNC",	 [STT_SECTION] = "SECTION",
	[STT_FILE] = "FILE",	 [STT_COMMON] = "COMMON",
	[STT_TLS] = "TLS",	 [STT_GNU_IFUNC] = "IFUNC",
};

static const char *const elfk_sym_bind_names[] = {
	[STB_LOCAL] = "LOCAL",
	[STB_GLOBAL] = "GLOBAL",
	[STB_WEAK] = "WEAK",
	[STB_GNU_UNIQUE] = "UNIQUE",
};

/* ---- unload -------------------------------------------------------- */

static int elfk_unload(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	struct elfk_unload unload;
	char log[1024];
	const char *obj;
	int fd, err, status;
	__u32 id;

	if (args->npos != 1)
		return elfk_usage_error(cmd, args->npos ? "too many arguments" :
							  "missing OBJ");
	obj = args->pos[0];
	fd = elfk_open_device();
	if (fd < 0)
		return ELFK_EXIT_IO;
	status = elfk_resolve(fd, cmd->name, obj, &id);
	if (status)
		goto out;

	memset(&unload, 0, sizeof(unload));
	unload.size = sizeof(unload);
	unload.id = id;
	unload.log_buf = (uintptr_t)log;
	unload.log_size = sizeof(log);
	log[0] = '\0';
	err = elfk_ioc_unload(fd, &unload);
	if (err) {
		status = elfk_errno_error(cmd->name, obj, -err, NULL, log,
					  ELFK_EXIT_KERNEL);
		goto out;
	}
	if (elfk_json) {
		jw_start_object();
		jw_key("id");
		jw_u64(id);
		jw_end_object();
		jw_end_document();
	}
out:
	close(fd);
	return status;
}

const struct elfk_cmd elfk_cmd_unload = {
	.name = "unload",
	.fn = elfk_unload,
	.synopsis = "OBJ",
	.summary = "unload an object",
	.details =
		"Unload the object OBJ (an id, or a name).  Nothing is printed\n"
		"on success; with --json, {\"id\":N}.  The kernel refuses with\n"
		"EBUSY while the object is in use.\n",
	.opts = elfk_no_opts,
};

/* ---- list and info ------------------------------------------------- */

/* One object as a JSON object; "list" prints an array of these. */
static void elfk_info_json(const struct elfk_info *info)
{
	char s1[16], s2[16];

	jw_start_object();
	jw_key("id");
	jw_u64(info->id);
	jw_key("name");
	jw_string(info->name);
	jw_key("soname");
	jw_string(info->soname);
	jw_key("type");
	jw_string(ELFK_ENUM_NAME(elfk_elf_type_names, info->elf_type, s1));
	jw_key("state");
	jw_string(ELFK_ENUM_NAME(elfk_state_names, info->state, s2));
	jw_key("mem_size");
	jw_u64(info->mem_size);
	jw_key("alloc_bytes");
	jw_u64(info->alloc_bytes);
	jw_key("refcount");
	jw_u64(info->refcount);
	jw_key("nr_symbols");
	jw_u64(info->nr_symbols);
	jw_key("verified");
	jw_bool(info->obj_flags & ELFK_OBJ_VERIFIED);
	jw_end_object();
}

struct elfk_list {
	struct elfk_info *info;
	size_t nr, cap;
};

static int elfk_list_add(const struct elfk_info *info, void *data)
{
	struct elfk_list *l = data;
	struct elfk_info *tmp;

	if (l->nr == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		tmp = realloc(l->info, l->cap * sizeof(*tmp));
		if (!tmp)
			return -ENOMEM;
		l->info = tmp;
	}
	l->info[l->nr++] = *info;
	return 0;
}

static void elfk_list_print(const struct elfk_list *l)
{
	static const char *const head[] = { "ID",    "NAME", "SONAME", "TYPE",
					    "STATE", "SIZE", "ALLOC",  "REFS" };
	char cell[ARRAY_SIZE(head)][72];
	int width[ARRAY_SIZE(head)];
	size_t i, c;
	int pass;

	for (c = 0; c < ARRAY_SIZE(head); c++)
		width[c] = strlen(head[c]);

	/* Pass 0 measures the columns, pass 1 prints. */
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			for (c = 0; c < ARRAY_SIZE(head); c++)
				printf("%-*s%s", width[c], head[c],
				       c + 1 < ARRAY_SIZE(head) ? "  " : "\n");
		for (i = 0; i < l->nr; i++) {
			const struct elfk_info *info = &l->info[i];
			char type[16], state[16];

			snprintf(cell[0], sizeof(cell[0]), "%u", info->id);
			snprintf(cell[1], sizeof(cell[1]), "%s", info->name);
			snprintf(cell[2], sizeof(cell[2]), "%s",
				 *info->soname ? info->soname : "-");
			/* A verified object (ELFK_OBJ_VERIFIED) says so here. */
			snprintf(cell[3], sizeof(cell[3]), "%s%s",
				 ELFK_ENUM_NAME(elfk_elf_type_names,
						info->elf_type, type),
				 info->obj_flags & ELFK_OBJ_VERIFIED ?
				 ",verified" : "");
			snprintf(cell[4], sizeof(cell[4]), "%s",
				 ELFK_ENUM_NAME(elfk_state_names, info->state,
						state));
			snprintf(cell[5], sizeof(cell[5]), "%llu",
				 (unsigned long long)info->mem_size);
			snprintf(cell[6], sizeof(cell[6]), "%llu",
				 (unsigned long long)info->alloc_bytes);
			snprintf(cell[7], sizeof(cell[7]), "%u",
				 info->refcount);
			for (c = 0; c < ARRAY_SIZE(head); c++) {
				int w = strlen(cell[c]);

				if (!pass) {
					if (w > width[c])
						width[c] = w;
					continue;
				}
				/* Numbers align right, text left. */
				if (c == 0 || c >= 5)
					printf("%*s", width[c], cell[c]);
				else
					printf("%-*s", width[c], cell[c]);
				fputs(c + 1 < ARRAY_SIZE(head) ? "  " : "\n",
				      stdout);
			}
		}
	}
}

static int elfk_list(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	struct elfk_list l = { 0 };
	int fd, err;
	size_t i;

	if (args->npos)
		return elfk_usage_error(cmd, "too many arguments");
	fd = elfk_open_device();
	if (fd < 0)
		return ELFK_EXIT_IO;
	/* Collect everything first: an error must not cut the output. */
	err = elfk_obj_for_each(elfk_dev_info, &fd, elfk_list_add, &l);
	close(fd);
	if (err) {
		free(l.info);
		return elfk_errno_error(cmd->name, NULL, -err, NULL, NULL,
					ELFK_EXIT_KERNEL);
	}

	if (elfk_json) {
		jw_start_array();
		for (i = 0; i < l.nr; i++)
			elfk_info_json(&l.info[i]);
		jw_end_array();
		jw_end_document();
	} else {
		elfk_list_print(&l);
	}
	free(l.info);
	return ELFK_EXIT_OK;
}

const struct elfk_cmd elfk_cmd_list = {
	.name = "list",
	.fn = elfk_list,
	.synopsis = "",
	.summary = "list the loaded objects",
	.details =
		"Print one line per loaded object, in id order, under the\n"
		"columns ID NAME SONAME TYPE STATE SIZE ALLOC REFS.  SIZE is the\n"
		"kernel memory its segments occupy and ALLOC what it holds from\n"
		"the elfk allocator, in bytes; REFS is 1 when it is idle.\n",
	.opts = elfk_no_opts,
};

static int elfk_info(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	struct elfk_info info;
	char s1[16], s2[16];
	const char *obj;
	int fd, err, status;
	__u32 id;

	if (args->npos != 1)
		return elfk_usage_error(cmd, args->npos ? "too many arguments" :
							  "missing OBJ");
	obj = args->pos[0];
	fd = elfk_open_device();
	if (fd < 0)
		return ELFK_EXIT_IO;
	status = elfk_resolve(fd, cmd->name, obj, &id);
	if (status)
		goto out;

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.id = id;
	err = elfk_ioc_info(fd, &info);
	if (err) {
		status = elfk_errno_error(cmd->name, obj, -err, NULL, NULL,
					  ELFK_EXIT_KERNEL);
		goto out;
	}
	info.name[sizeof(info.name) - 1] = '\0';
	info.soname[sizeof(info.soname) - 1] = '\0';

	if (elfk_json) {
		elfk_info_json(&info);
		jw_end_document();
		goto out;
	}
	printf("id: %u\n"
	       "name: %s\n"
	       "soname: %s\n"
	       "type: %s\n"
	       "state: %s\n"
	       "mem_size: %llu\n"
	       "alloc_bytes: %llu\n"
	       "refcount: %u\n"
	       "nr_symbols: %u\n"
	       "verified: %s\n",
	       info.id, info.name, info.soname,
	       ELFK_ENUM_NAME(elfk_elf_type_names, info.elf_type, s1),
	       ELFK_ENUM_NAME(elfk_state_names, info.state, s2),
	       (unsigned long long)info.mem_size,
	       (unsigned long long)info.alloc_bytes, info.refcount,
	       info.nr_symbols,
	       info.obj_flags & ELFK_OBJ_VERIFIED ? "yes" : "no");
out:
	close(fd);
	return status;
}

const struct elfk_cmd elfk_cmd_info = {
	.name = "info",
	.fn = elfk_info,
	.synopsis = "OBJ",
	.summary = "describe one object",
	.details =
		"Print the fields of one object as \"key: value\" lines: id,\n"
		"name, soname, type, state, mem_size, alloc_bytes, refcount,\n"
		"nr_symbols and verified; with --json, one object with these keys.\n",
	.opts = elfk_no_opts,
};

/* ---- sym ----------------------------------------------------------- */

/* What an errno of ELFK_IOC_SYM or ELFK_IOC_CALL means, but ENOENT. */
static const char *elfk_sym_errno_meaning(int err)
{
	switch (err) {
	case EINVAL:
		return "the kernel refused a flag, reserved field, argument kind or length";
	case E2BIG:
		return "a buffer is larger than elfk's max_call_buffer module parameter allows";
	case ENOMEM:
		return "kernel memory ran out (for a buffer or this task's TLS block)";
	case EFAULT:
		return "a buffer could not be copied between elfk-ctl and the kernel";
	case EPERM:
		return "elfk-ctl needs CAP_SYS_ADMIN";
	default:
		return NULL;
	}
}

/* Why ELFK_IOC_SYM or ELFK_IOC_CALL found nothing, asked of the kernel. */
static void elfk_sym_enoent(int fd, __u32 id, const char *symbol, char *msg,
			    size_t len)
{
	struct elfk_info info;
	struct elfk_sym sym;
	char s1[16];

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.id = id;
	if (elfk_ioc_info(fd, &info)) {
		snprintf(msg, len, "no object has id %u (never loaded, or unloaded since)", id);
		return;
	}
	info.name[sizeof(info.name) - 1] = '\0';
	memset(&sym, 0, sizeof(sym));
	sym.size = sizeof(sym);
	sym.id = id;
	sym.name = (uintptr_t)symbol;
	if (elfk_ioc_sym(fd, &sym))
		snprintf(msg, len, "object %u (%s) exports no symbol '%s'", id,
			 info.name, symbol);
	else if (sym.type != STT_FUNC)
		snprintf(msg, len, "'%s' of object %u (%s) is %s, not a function",
			 symbol, id, info.name,
			 ELFK_ENUM_NAME(elfk_sym_type_names, sym.type, s1));
	else
		snprintf(msg, len,
			 "object %u (%s) exports '%s', but the kernel found no function to call by that name",
			 id, info.name, symbol);
}

/**
 * elfk_sym_failure() - explain a failed ELFK_IOC_SYM or ELFK_IOC_CALL
 * @fd: the device
 * @op: "sym" or "call"
 * @obj: the OBJ argument
 * @id: the id it resolved to
 * @symbol: the SYMBOL argument
 * @err: the positive errno
 * @kmsg_fd: from elfk_kmsg_open() before the ioctl, or -1; closed here
 *
 * Neither ioctl has a log buffer, so ENOENT is told apart here: a vanished
 * object, a name the object does not export, or (for call) a symbol that
 * is not a function.  The kernel log lines elfk printed meanwhile follow.
 *
 * Return: ELFK_EXIT_KERNEL.
 */
int elfk_sym_failure(int fd, const char *op, const char *obj, __u32 id,
		     const char *symbol, int err, int kmsg_fd)
{
	char *log = elfk_kmsg_collect(kmsg_fd);
	const char *meaning;
	char msg[512];
	int status;

	meaning = elfk_sym_errno_meaning(err);
	if (meaning)
		snprintf(msg, sizeof(msg), "%s", meaning);
	else if (err != ENOENT)
		snprintf(msg, sizeof(msg), "%s", strerror(err));
	else
		elfk_sym_enoent(fd, id, symbol, msg, sizeof(msg));
	status = elfk_sym_error(op, obj, id, symbol, err, msg, log);
	free(log);
	return status;
}

static int elfk_sym(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	const char *obj, *symbol, *type, *bind;
	struct elfk_sym sym;
	char s1[16], s2[16];
	int fd, err, status, kmsg;
	__u32 id;

	if (args->npos != 2)
		return elfk_usage_error(cmd, args->npos > 2 ?
						     "too many arguments" :
						     "missing OBJ or SYMBOL");
	obj = args->pos[0];
	symbol = args->pos[1];
	fd = elfk_open_device();
	if (fd < 0)
		return ELFK_EXIT_IO;
	status = elfk_resolve(fd, cmd->name, obj, &id);
	if (status)
		goto out;

	memset(&sym, 0, sizeof(sym));
	sym.size = sizeof(sym);
	sym.id = id;
	sym.name = (uintptr_t)symbol;
	kmsg = elfk_kmsg_open();
	err = elfk_ioc_sym(fd, &sym);
	if (err) {
		status = elfk_sym_failure(fd, cmd->name, obj, id, symbol, -err,
					  kmsg);
		goto out;
	}
	if (kmsg >= 0)
		close(kmsg);
	type = ELFK_ENUM_NAME(elfk_sym_type_names, sym.type, s1);
	bind = ELFK_ENUM_NAME(elfk_sym_bind_names, sym.bind, s2);
	if (elfk_json) {
		jw_start_object();
		jw_key("id");
		jw_u64(id);
		jw_key("name");
		jw_string(symbol);
		jw_key("offset");
		jw_u64(sym.offset);
		jw_key("size");
		jw_u64(sym.sym_size);
		jw_key("type");
		jw_string(type);
		jw_key("bind");
		jw_string(bind);
		jw_end_object();
		jw_end_document();
	} else {
		printf("0x%llx %llu %s %s\n", (unsigned long long)sym.offset,
		       (unsigned long long)sym.sym_size, type, bind);
	}
out:
	close(fd);
	return status;
}

const struct elfk_cmd elfk_cmd_sym = {
	.name = "sym",
	.fn = elfk_sym,
	.synopsis = "OBJ SYMBOL",
	.summary = "look up a symbol an object exports",
	.details =
		"Print \"OFFSET SIZE TYPE BIND\": the symbol's offset from the\n"
		"start of the object's memory in hex, its size in decimal, its\n"
		"ELF type (FUNC, OBJECT, ...) and binding (GLOBAL, WEAK).\n",
	.opts = elfk_no_opts,
};
