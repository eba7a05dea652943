// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl load: ELFK_IOC_LOAD.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfk-ctl.h"
#include "json.h"

/* First log buffer; on ENOSPC the load is retried once at the true size. */
#define ELFK_LOAD_LOG_SIZE (64 * 1024)

static const struct elfk_opt elfk_load_opts[] = {
	{ "name", 'n', "NAME",
	  "name the object NAME (default: its DT_SONAME)" },
	{ "verbose", 'v', NULL,
	  "ask for every load phase in the kernel's log" },
	{ NULL },
};

/* Print what the kernel reports for a fresh id: its name, as JSON. */
static void elfk_load_print(int fd, __u32 id, const char *name, const char *log)
{
	struct elfk_info info;

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
	if (!elfk_ioctl(fd, ELFK_IOC_INFO, &info)) {
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
	jw_end_object();
	jw_end_document();
}

static int elfk_load(const struct elfk_cmd *cmd, struct elfk_args *args)
{
	const char *name = elfk_opt_val(cmd, args, "name");
	bool verbose = elfk_opt_val(cmd, args, "verbose");
	struct elfk_load load;
	size_t image_len, log_size = ELFK_LOAD_LOG_SIZE;
	char *log = NULL, *tmp;
	const char *file;
	void *image;
	int fd, err, status;

	if (args->npos != 1)
		return elfk_usage_error(cmd, args->npos ? "too many arguments" :
							  "missing FILE");
	file = args->pos[0];
	if (name && (!*name || strlen(name) >= ELFK_NAME_LEN))
		return elfk_usage_error(cmd, "NAME must be 1 to %d bytes",
					ELFK_NAME_LEN - 1);

	err = elfk_read_input(file, &image, &image_len, ELFK_CTL_BUF_MAX);
	if (err)
		return elfk_errno_error(cmd->name, file, -err, NULL, NULL,
					ELFK_EXIT_IO);
	fd = elfk_open_device();
	if (fd < 0) {
		free(image);
		return ELFK_EXIT_IO;
	}

	for (int attempt = 0;; attempt++) {
		tmp = realloc(log, log_size);
		if (!tmp) {
			status = elfk_errno_error(cmd->name, file, ENOMEM, NULL,
						  NULL, ELFK_EXIT_IO);
			goto out;
		}
		log = tmp;
		log[0] = '\0';

		memset(&load, 0, sizeof(load));
		load.size = sizeof(load);
		load.image = (uintptr_t)image;
		load.image_len = image_len;
		load.name = (uintptr_t)name;
		load.log_buf = (uintptr_t)log;
		load.log_size = log_size;
		load.log_level = verbose ? ELFK_LOG_LEVEL_VERBOSE :
					   ELFK_LOG_LEVEL_ERROR;
		err = elfk_ioctl(fd, ELFK_IOC_LOAD, &load);
		/*
		 * ENOSPC with a larger true size means only the log did not
		 * fit, and nothing stayed loaded: try once more with room
		 * for all of it.  Any other ENOSPC came from elfk_init().
		 */
		if (err == -ENOSPC && !attempt &&
		    load.log_true_size > log_size) {
			log_size = load.log_true_size;
			continue;
		}
		break;
	}
	log[log_size - 1] = '\0';

	if (err) {
		status = elfk_errno_error(cmd->name, file, -err, NULL, log,
					  ELFK_EXIT_KERNEL);
		goto out;
	}
	elfk_load_print(fd, load.id, name, verbose ? log : NULL);
	status = ELFK_EXIT_OK;
out:
	free(log);
	close(fd);
	free(image);
	return status;
}

const struct elfk_cmd elfk_cmd_load = {
	.name = "load",
	.fn = elfk_load,
	.synopsis = "FILE [--name NAME] [--verbose]",
	.summary = "load an ELF object and print its id",
	.details =
		"Load the ELF object FILE ('-': standard input) into the kernel\n"
		"and print the id of the new object.  If the kernel refuses it,\n"
		"print the reason and the kernel's log on stderr.  With --verbose,\n"
		"also print the kernel's log of every load phase on success.\n",
	.opts = elfk_load_opts,
};
