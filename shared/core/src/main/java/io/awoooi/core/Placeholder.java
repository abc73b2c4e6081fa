package io.awoooi.core;
class Placeholder {}
