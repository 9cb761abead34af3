#!/bin/sh
echo "coverage tools are not available in this offline build (see //:WORKSPACE)" >&2
exit 1
