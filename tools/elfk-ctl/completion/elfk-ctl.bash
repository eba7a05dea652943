# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bash completion for elfk-ctl (installed as
# /usr/share/bash-completion/completions/elfk-ctl).
#
# Commands and options come from elfk-ctl's own --help ("Commands:" and
# "Options:" sections), so they follow the binary being completed; an
# option's argument kind from its metavariable (FILE, PATH: files; DIR:
# directories; others: nothing to offer).  OBJ arguments complete to the
# names of the loaded objects ("elfk-ctl list"; nothing without access to
# the device), and call's ARGs to the prefixes str:, in:, out:, outstr:,
# inout:, with a file name after in: and inout:.

# _elfk_ctl_help ELFK_CTL [COMMAND]: the --help text, cached per binary
# and command for the shell's life.
_elfk_ctl_help()
{
	local cmd=${2:-} var
	var=_ELFK_CTL_HELP_$(printf '%s:%s' "$1" "$cmd" | cksum | cut -d' ' -f1)
	if [[ -z ${!var+set} ]]; then
		printf -v "$var" '%s' "$("$1" ${cmd:+"$cmd"} --help 2>/dev/null)"
	fi
	printf '%s\n' "${!var}"
}

# Lines of section $2 ("Commands:", "Options:") of help text $1.
_elfk_ctl_section()
{
	awk -v s="$2" '$0 == s { on = 1; next } on && !/^ / { on = 0 } on' <<<"$1"
}

_elfk_ctl_commands()
{
	_elfk_ctl_section "$(_elfk_ctl_help "$1")" Commands: |
		awk '/^  [a-z]/ { print $1 }'
}

# "LONG SHORT METAVAR" per option of COMMAND (or of elfk-ctl without one),
# "_" for a missing short option or metavariable: from lines like
# "  -n, --name NAME      text" and "      --path DIR       text".
_elfk_ctl_opts()
{
	_elfk_ctl_section "$(_elfk_ctl_help "$1" "$2")" Options: |
		awk '{
			i = 1; s = "_"
			if ($1 ~ /^-[A-Za-z0-9],$/) { s = substr($1, 2, 1); i = 2 }
			if ($i !~ /^--[a-z0-9-]+$/) next
			m = $(i + 1); if (m !~ /^[A-Z]+$/) m = "_"
			print substr($i, 3), s, m
		}'
}

_elfk_ctl_objects()
{
	"$1" list 2>/dev/null | awk 'NR > 1 { print $1; if ($2 != "-") print $2 }'
}

_elfk_ctl()
{
	local cur prev bin=${COMP_WORDS[0]} cmd='' i w nargs=0 opts line
	local long short meta wantarg='' dashdash=''
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	command -v "$bin" >/dev/null 2>&1 || bin=elfk-ctl

	# Find the command and count its positional arguments so far.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -n $wantarg ]]; then
			wantarg=''
			continue
		fi
		if [[ -z $dashdash && $w == -- ]]; then
			dashdash=1
			continue
		fi
		if [[ -z $dashdash && $w == -* && $w != *=* ]]; then
			# An option that takes a value consumes the next word.
			while read -r long short meta; do
				if [[ $meta != _ && ($w == "--$long" || $w == "-$short") ]]; then
					wantarg=1
				fi
			done < <(_elfk_ctl_opts "$bin" "$cmd")
			continue
		fi
		[[ $w == -* && -z $dashdash ]] && continue
		if [[ -z $cmd ]]; then
			cmd=$w
		else
			nargs=$((nargs + 1))
		fi
	done

	# The value of an option.
	if [[ -n $wantarg ]]; then
		while read -r long short meta; do
			if [[ $prev == "--$long" || $prev == "-$short" ]]; then
				case $meta in
				FILE | PATH) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
				DIR) mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
				esac
			fi
		done < <(_elfk_ctl_opts "$bin" "$cmd")
		return 0
	fi

	if [[ -z $dashdash && $cur == -* ]]; then
		opts=$(_elfk_ctl_opts "$bin" "$cmd" | awk '{ print "--" $1 }')
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi

	if [[ -z $cmd ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_elfk_ctl_commands "$bin")" -- "$cur")
		return 0
	fi

	# Positional arguments, from the command's usage line.
	# "OBJ SYMBOL [--signed | --hex] [ARG]..." -> OBJ SYMBOL ARG, the
	# last repeating when it ends in "...".
	line=$(_elfk_ctl_help "$bin" "$cmd" |
		sed -n 's/^Usage: [^ ]* \[OPTIONS\] [^ ]* *//p' | sed 's/\[-[^]]*\]//g')
	# shellcheck disable=SC2046 # split the usage line into words
	set -- $(tr -d '[].' <<<"$line")
	i=$((nargs + 1))
	w=${!i:-}
	[[ -z $w && $# -gt 0 && $line =~ [A-Z]\]?\.\.\.$ ]] && w=${!#}
	case $w in
	FILE) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	OBJ) mapfile -t COMPREPLY < <(compgen -W "$(_elfk_ctl_objects "$bin")" -- "$cur") ;;
	COMMAND) mapfile -t COMPREPLY < <(compgen -W "$(_elfk_ctl_commands "$bin")" -- "$cur") ;;
	ARG)
		case $cur in
		in:* | inout:*)
			mapfile -t COMPREPLY < <(compgen -f -P "${cur%%:*}:" -- "${cur#*:}") ;;
		*)
			mapfile -t COMPREPLY < <(compgen -W "str: in: out: outstr: inout:" -- "$cur")
			compopt -o nospace 2>/dev/null ;;
		esac ;;
	esac
	return 0
} &&
	complete -F _elfk_ctl elfk-ctl
