#!/usr/bin/env node
console.log('mock-amazon');
