# Development shortcuts. `make bench` takes long: see docs/benchmarks.md.
.PHONY: build test bench lint

build:
	swift build -c release

test:
	bash scripts/test

bench:
	benchmarks/run.sh

lint:
	swift format lint -r --strict Sources Tests Package.swift
