// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl load: ELFK_IOC_LOAD.
 *
 * Before FILE itself, its dependencies are loaded the way modprobe loads a
 * module's: each DT_NEEDED name that no loaded object provides (the
 * kernel's rule: an object provides its DT_SONAME or, without one, its
 * name) is looked for as DIR/NAME in the search path, and loaded first,
 * its own dependencies before it.  If anything fails, the dependencies
 * this command loaded are unloaded again, in reverse order.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfk-ctl.h"
#include "json.h"
#include "obj.h"

/* First log buffer; on ENOSPC the load is retried once at the true size. */

static const struct elfk_opt elfk_load_opts[] = {
	{ "name", 'n', "NAME",
	  "name the object NAME (default: its DT_SONAME)" },
	{ "verbose", 'v', NULL,
	  "ask for every load phase in the kernel's log" },
	{ "verified", 0, NULL,
	  "load in verified mode: the kernel verifies and sandboxes the code" },
	{ "path", 0, "DIR",
	  "look for DT_NEEDED objects in DIR (repeatable; default: FILE's directory)" },
	{ NULL },
};

/* --path options, dependencies one command may load, how deep they nest. */
#define ELFK_LOAD_MAX_DIRS 16
#define ELFK_LOAD_MAX_DEPS 64
#define ELFK_LOAD_MAX_DEPTH 16

/**
 * struct elfk_dep - a dependency this command loaded
 * @id: its id
 * @name: the DT_NEEDED name it provides
 * @file: the file it was loaded from
 */
struct elfk_dep {
	__u32 id;
	char *name;
	char *file;
};

/**
 * struct elfk_load_ctx - one "elfk-ctl load"
 * @fd: the device
 * @op: the command's name, for errors
 * @dirs: the search path
 * @ndirs: its length
 * @deps: the dependencies loaded so far, in load order
 * @ndeps: how many
 * @stack: the DT_NEEDED names being resolved, outermost first (a name
 *         needed again below itself is a cycle elfk could never load)
 * @depth: how many
 */
struct elfk_load_ctx {
	int fd;
	const char *op;
	const char *dirs[ELFK_LOAD_MAX_DIRS];
	int ndirs;
	struct elfk_dep deps[ELFK_LOAD_MAX_DEPS];
	unsigned int ndeps;
	const char *stack[ELFK_LOAD_MAX_DEPTH];
	unsigned int depth;
};

/* Print what the kernel reports for a fresh id: its name, as JSON. */
static void elfk_load_print(const struct elfk_load_ctx *ctx, __u32 id,
			    const char *name, const char *log)
{
	struct elfk_info info;
	int fd = ctx->fd;
	unsigned int i;

	if (!elfk_json) {
		printf("%u\n", id);
		if (log && *log)
			fprintf(stderr, "%s%s", log,
				log[strlen(log) - 1] == '\n' ? "" : "\n");
		return;
	}

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.id = id;
	if (!elfk_ioc_info(fd, &info)) {
		info.name[sizeof(info.name) - 1] = '\0';
		name = info.name;
	}
	jw_start_object();
	jw_key("id");
	jw_u64(id);
	jw_key("name");
	if (name)
		jw_string(name);
	else
		jw_null();
	if (log) {
		jw_key("log");
		jw_string(log);
	}
	if (ctx->ndeps) {
		jw_key("deps");
		jw_start_array();
		for (i = 0; i < ctx->ndeps; i++) {
			jw_start_object();
			jw_key("id");
			jw_u64(ctx->deps[i].id);
			jw_key("name");
			jw_string(ctx->deps[i].name);
			jw_key("file");
			jw_string(ctx->deps[i].file);
			jw_end_object();
		}
		jw_end_array();
	}
	jw_end_object();
	jw_end_document();
}

/* elfk_obj_for_each() callback: whether a live object provides @data. */
static int elfk_provides(const struct elfk_info *info, void *data)
{
	const char *want = data;

	if (info->state != ELFK_STATE_LIVE)
		return 0;
	return !strcmp(info->soname[0] ? info->soname : info->name, want);
}

/* Whether a DT_NEEDED name is safe to look for as DIR/NAME. */
static bool elfk_searchable(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") &&
	       strcmp(name, "..") && strlen(name) < NAME_MAX;
}

/* Undo: unload what this command loaded, dependents first. */
static void elfk_load_rollback(struct elfk_load_ctx *ctx)
{
	struct elfk_unload u;

	while (ctx->ndeps) {
		struct elfk_dep *d = &ctx->deps[--ctx->ndeps];

		memset(&u, 0, sizeof(u));
		u.size = sizeof(u);
		u.id = d->id;
		if (elfk_ioc_unload(ctx->fd, &u) && !elfk_json)
			fprintf(stderr,
				"elfk-ctl: %s: could not unload dependency %s (id %u)\n",
				ctx->op, d->name, d->id);
		free(d->name);
		free(d->file);
	}
}

static void elfk_load_ctx_free(struct elfk_load_ctx *ctx)
{
	while (ctx->ndeps) {
		ctx->ndeps--;
		free(ctx->deps[ctx->ndeps].name);
		free(ctx->deps[ctx->ndeps].file);
	}
}

static int elfk_load_needed(struct elfk_load_ctx *ctx, const char *file,
			    const void *image, size_t len);

/*
 * Find DIR/@name in the search path and load it, its own dependencies
 * first.  Returns ELFK_EXIT_OK also when no file was found: the kernel
 * then refuses the dependent, naming @name.
 */
static int elfk_load_dep(struct elfk_load_ctx *ctx, const char *file,
			 const char *name)
{
	struct elfk_input in = { .fd = -1 };
	struct elfk_image_names dn;
	char path[PATH_MAX], *log;
	bool named = false, match, changed;
	struct elfk_dep *d;
	int i, err, status;
	__u32 id;

	for (i = 0; i < ctx->ndirs; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", ctx->dirs[i],
				     name) >= sizeof(path))
			continue;
		if (access(path, R_OK))
			continue;
		err = elfk_map_input(path, &in, ELFK_CTL_BUF_MAX);
		if (err)
			return elfk_errno_error(ctx->op, path, -err, NULL, NULL,
						ELFK_EXIT_IO);
		/*
		 * It must provide @name, or the dependent would still fail.
		 * An image the reader cannot parse is the kernel's to refuse.
		 */
		elfk_image_names(in.buf, in.len, &dn);
		named = dn.soname;
		match = !dn.soname || !strcmp(dn.soname, name);
		elfk_image_names_free(&dn);
		if (match)
			break;
		if (!elfk_json)
			fprintf(stderr, "elfk-ctl: %s %s: skipping %s: its DT_SONAME is not '%s'\n",
				ctx->op, file, path, name);
		elfk_input_free(&in);
	}
	if (!in.buf)
		return ELFK_EXIT_OK;
	if (ctx->ndeps == ELFK_LOAD_MAX_DEPS) {
		elfk_input_free(&in);
		return elfk_errno_error(ctx->op, path, E2BIG,
					"too many dependencies to load", NULL,
					ELFK_EXIT_KERNEL);
	}

	status = elfk_load_needed(ctx, path, in.buf, in.len);
	d = &ctx->deps[ctx->ndeps];
	d->name = strdup(name);
	d->file = strdup(path);
	if (!status && (!d->name || !d->file))
		status = elfk_errno_error(ctx->op, path, ENOMEM, NULL, NULL,
					  ELFK_EXIT_IO);
	if (status) {
		free(d->name);
		free(d->file);
		elfk_input_free(&in);
		return status;
	}
	/* Without a DT_SONAME, the object provides its name: make it @name. */
	err = elfk_load_image(ctx->fd, in.buf, in.len, named ? NULL : name,
			      ELFK_LOG_LEVEL_ERROR, &id, &log);
	changed = err && elfk_input_changed(&in);
	elfk_input_free(&in);
	if (err) {
		status = elfk_errno_error(ctx->op, path, -err,
					  changed ? ELFK_INPUT_CHANGED : NULL, log,
					  log && !changed ? ELFK_EXIT_KERNEL :
							    ELFK_EXIT_IO);
		free(log);
		free(d->name);
		free(d->file);
		return status;
	}
	free(log);
	d->id = id;
	ctx->ndeps++;
	if (!elfk_json)
		fprintf(stderr, "elfk-ctl: loaded %s (id %u) from %s, needed by %s\n",
			name, id, path, file);
	return ELFK_EXIT_OK;
}

/* Load whatever @image needs that is not loaded yet. */
static int elfk_load_needed(struct elfk_load_ctx *ctx, const char *file,
			    const void *image, size_t len)
{
	struct elfk_image_names needed;
	int status = ELFK_EXIT_OK;
	unsigned int i, j;
	int err;

	/*
	 * With the kernel's own parser: an image it refuses is left to the
	 * kernel to refuse, with its message.
	 */
	if (elfk_image_names(image, len, &needed))
		return ELFK_EXIT_OK;
	for (i = 0; !status && i < needed.nr_needed; i++) {
		const char *name = needed.needed[i];

		if (!elfk_searchable(name))
			continue;
		err = elfk_obj_for_each(elfk_dev_info, &ctx->fd, elfk_provides,
					(void *)name);
		if (err > 0)
			continue;
		if (err < 0) {
			status = elfk_errno_error(ctx->op, file, -err, NULL,
						  NULL, ELFK_EXIT_KERNEL);
			break;
		}
		for (j = 0; j < ctx->depth; j++)
			if (!strcmp(ctx->stack[j], name))
				break;
		if (j < ctx->depth) {
			status = elfk_errno_error(ctx->op, file, ELOOP,
						  "DT_NEEDED names a dependency cycle",
						  NULL, ELFK_EXIT_KERNEL);
			break;
		}
		if (ctx->depth == ELFK_LOAD_MAX_DEPTH) {
			status = elfk_errno_error(ctx->op, file, ELOOP,
						  "dependencies nest too deeply",
						  NULL, ELFK_EXIT_KERNEL);
			break;
		}
		ctx->stack[ctx->depth++] = name;
		status = elfk_load_dep(ctx, file, name);
		ctx->depth--;
	}
	elfk_image_names_free(&needed);
	return status;
}

static int elfk_load(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	const char *name = elfk_opt_val(cmd, args, "name");
	bool verbose = elfk_opt_val(cmd, args, "verbose");
	__u32 flags = elfk_opt_val(cmd, args, "verified") ? ELFK_LOAD_VERIFIED : 0;
	struct elfk_load_ctx ctx = { .op = cmd->name };
	struct elfk_input in = { .fd = -1 };
	char *log = NULL, *dir = NULL;
	const char *file;
	int i, err, status;
	__u32 id;

	if (args->npos != 1)
		return elfk_usage_error(cmd, args->npos ? "too many arguments" :
							  "missing FILE");
	file = args->pos[0];
	if (name && (!*name || strlen(name) >= ELFK_NAME_LEN))
		return elfk_usage_error(cmd, "NAME must be 1 to %d bytes",
					ELFK_NAME_LEN - 1);
	if (args->nrep > ELFK_MAX_REPEAT)
		return elfk_usage_error(cmd, "too many options");
	for (i = 0; i < args->nrep; i++) {
		if (strcmp(elfk_load_opts[args->rep_opt[i]].name, "path"))
			continue;
		if (!*args->rep[i])
			return elfk_usage_error(cmd, "DIR must not be empty");
		if (ctx.ndirs == ELFK_LOAD_MAX_DIRS)
			return elfk_usage_error(cmd, "at most %d --path options",
						ELFK_LOAD_MAX_DIRS);
		ctx.dirs[ctx.ndirs++] = args->rep[i];
	}

	err = elfk_map_input(file, &in, ELFK_CTL_BUF_MAX);
	if (err)
		return elfk_errno_error(cmd->name, file, -err, NULL, NULL,
					ELFK_EXIT_IO);
	/* The default search path: FILE's directory (none for stdin). */
	if (!ctx.ndirs && strcmp(file, "-")) {
		dir = strdup(file);
		if (!dir) {
			elfk_input_free(&in);
			return elfk_errno_error(cmd->name, file, ENOMEM, NULL,
						NULL, ELFK_EXIT_IO);
		}
		ctx.dirs[ctx.ndirs++] = dirname(dir);
	}
	ctx.fd = elfk_open_device();
	if (ctx.fd < 0) {
		free(dir);
		elfk_input_free(&in);
		return ELFK_EXIT_IO;
	}

	status = elfk_load_needed(&ctx, file, in.buf, in.len);
	if (status)
		goto out;
	err = elfk_load_image_flags(ctx.fd, in.buf, in.len, name, flags,
				    verbose ? ELFK_LOG_LEVEL_VERBOSE : ELFK_LOG_LEVEL_ERROR,
				    &id, &log);
	if (err) {
		/* A shrunk file reads as EFAULT in the kernel: say why. */
		bool changed = elfk_input_changed(&in);

		status = elfk_errno_error(cmd->name, file, -err,
					  changed ? ELFK_INPUT_CHANGED : NULL, log,
					  log && !changed ? ELFK_EXIT_KERNEL :
							    ELFK_EXIT_IO);
		goto out;
	}
	elfk_load_print(&ctx, id, name, verbose ? log : NULL);
	elfk_load_ctx_free(&ctx);
	status = ELFK_EXIT_OK;
out:
	elfk_load_rollback(&ctx);
	free(log);
	close(ctx.fd);
	free(dir);
	elfk_input_free(&in);
	return status;
}

const struct elfk_cmd elfk_cmd_load = {
	.name = "load",
	.fn = elfk_load,
	.synopsis = "FILE [--name NAME] [--verbose] [--verified] [--path DIR]...",
	.summary = "load an ELF object and print its id",
	.details =
		"Load the ELF object FILE ('-': standard input) into the kernel\n"
		"and print the id of the new object.  If the kernel refuses it,\n"
		"print the reason and the kernel's log on stderr.  With --verbose,\n"
		"also print the kernel's log of every load phase on success.\n"
		"With --verified, FILE is loaded in verified mode\n"
		"(Documentation/verified-mode.rst); its dependencies are not.\n"
		"\n"
		"First, each DT_NEEDED object of FILE that no loaded object provides\n"
		"(by DT_SONAME, or by name without one) is loaded from DIR/NAME, the\n"
		"first DIR of the search path that has it (default: FILE's\n"
		"directory), its own dependencies first, as modprobe does; each is\n"
		"reported on stderr.  If a load fails, the dependencies loaded are\n"
		"unloaded again.\n",
	.opts = elfk_load_opts,
};
