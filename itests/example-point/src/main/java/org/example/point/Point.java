package org.example.point;

/** A point in the plane: the Java value of an {@code example::Point} object. */
public record Point(double x, double y) {}
